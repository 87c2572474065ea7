# Broadcast
from mpi4py import MPI

worker = comm.Get_rank()
size = comm.Get_size()

if worker == 0:
    data = {"data": "for everyone", "something": [1,2,3,4,5]}
    data = None
data = comm.bcast(data, root=0)

print(worker, data)
