# pi_mpi.py
from mpi4py import MPI
import random
import time

def monte_carlo_pi(samples):
    count = 0
    for _ in range(samples):
        x, y = random.random(), random.random()
        if x**2 + y**2 <= 1.0:
            count += 1
    return count

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

# Total number of points to generate (adjust as needed)
total_samples = 10_000_000

# Split the work among processes
samples_per_proc = total_samples // size

# Start timer
if rank == 0:
    start_time = time.time()

# Each process runs its portion
local_count = monte_carlo_pi(samples_per_proc)

# Gather all local counts at root
total_count = comm.reduce(local_count, op=MPI.SUM, root=0)

# Only root computes and prints the final estimate
if rank == 0:
    pi_estimate = 4 * total_count / total_samples
    duration = time.time() - start_time
    print(f"Estimated π: {pi_estimate}")
    print(f"Time taken with {size} processes: {duration:.4f} seconds")
