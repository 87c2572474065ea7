# Gathering
from mpi4py import MPI

size = comm.Get_size()
worker = comm.Get_rank()

data = comm.gather(worker**3, root=0)

print(worker, worker**3)

if worker == 0:
    print("final result ", data)
