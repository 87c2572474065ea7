import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

arr = np.empty(2)
if rank == 0:
    arr = np.arange(2, dtype='d')
comm.Bcast(arr, root=0)
sumRanks = np.zeros(2)
comm.Allreduce(rank + arr, sumRanks, op=MPI.MAX) # Using MAX reduce this time
assert np.all(sumRanks == arr + size - 1)
