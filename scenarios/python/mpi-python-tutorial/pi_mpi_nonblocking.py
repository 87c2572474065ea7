# pi_mpi_nonblocking.py
from mpi4py import MPI
import random
import time

def monte_carlo_pi(samples):
    count = 0
    for _ in range(samples):
        x, y = random.random(), random.random()
        if x*x + y*y <= 1:
            count += 1
    return count

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

total_samples = 10_000_000
samples_per_proc = total_samples // size

start_time = time.time()

# Each process estimates its count
local_count = monte_carlo_pi(samples_per_proc)

# Use non-blocking Ireduce
req = comm.Ireduce(local_count, None if rank != 0 else 0, op=MPI.SUM, root=0)

# While waiting for reduction, do something else (optional)
# For demo, simulate work with a sleep (replace with useful computation)
time.sleep(0.1)

# Wait for the non-blocking operation to complete
if rank == 0:
    result = 0
    req = comm.Ireduce(local_count, result, op=MPI.SUM, root=0)
    req.Wait()
    pi_estimate = 4 * result / total_samples
    duration = time.time() - start_time
    print(f"Estimated π: {pi_estimate}")
    print(f"Time taken with {size} processes (non-blocking): {duration:.4f} seconds")
else:
    req.Wait()
