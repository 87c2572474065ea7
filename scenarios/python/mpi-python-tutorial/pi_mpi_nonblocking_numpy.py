# pi_mpi_nonblocking_numpy.py
from mpi4py import MPI
import numpy as np
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

local_count = monte_carlo_pi(samples_per_proc)

# Use numpy array to store the result on the root
recv_buf = np.zeros(1, dtype='i') if rank == 0 else None
send_buf = np.array(local_count, dtype='i')

# Non-blocking reduction
req = comm.Ireduce(send_buf, recv_buf, op=MPI.SUM, root=0)

# Simulate other work or overlap
time.sleep(0.1)

# Finalize communication
req.Wait()

if rank == 0:
    pi_estimate = 4 * recv_buf[0] / total_samples
    duration = time.time() - start_time
    print(f"Estimated π: {pi_estimate}")
    print(f"Time taken with {size} processes (non-blocking): {duration:.4f} seconds")
