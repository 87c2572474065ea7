# scatter_gather.py
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

if rank == 0:
    data = [i*2 for i in range(size)]
else:
    data = None

# Scatter data from root to all processes
recv_data = comm.scatter(data, root=0)
print(f"Process {rank} received: {recv_data}")

# Each process does some work
processed_data = recv_data + 1

# Gather results back to root and find the Maximum
max_val = comm.reduce(local_count, op=MPI.MAX, root=0)
if rank == 0:
    print(f"The maximum value is: {max_val}")
