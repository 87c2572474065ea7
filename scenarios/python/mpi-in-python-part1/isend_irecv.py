import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

assert size == 2

buf_size = 1000

if rank == 0:
    arr = np.zeros(buf_size) + 10
    req = comm.Isend(arr, dest=1)
else:
    arr = np.empty(buf_size)
    req = comm.Irecv(arr, source=0)

req.Wait()

if rank == 1:
    assert np.all(arr == 10)
