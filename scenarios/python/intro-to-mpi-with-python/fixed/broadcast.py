# Broadcast
from mpi4py import MPI
comm = MPI.COMM_WORLD  # fixed: missing in the tutorial

worker = comm.Get_rank()
size = comm.Get_size()

if worker == 0:
    data = {"data": "for everyone", "something": [1,2,3,4,5]}
else:  # fixed: missing in the tutorial
    data = None
data = comm.bcast(data, root=0)

print(worker, data)
