# pi_sequential.py
import random
import math
def estimate_pi(n):
    inside = 0
    for _ in range(n):
        x, y = random.random(), random.random()
        if x**2 + y**2 <= 1.0:
            inside += 1
    return 4 * inside / n

if __name__ == "__main__":
    s1 = str(estimate_pi(10_000_000))
    #s2 = str(math.pi)
    s2 = "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679"
    print(f"Estimated π: {s1}")
    print(f"For reference the actual value of π to {len(s2)-2} decimal places is:")
    print(s2)
    # calculate how many decimal places we are off by
    left = 0
    for i,s in enumerate(s1):
        if s2[i] == s:
            left = left+1
    print(f"you were accurate to {left-2} decimal places")
