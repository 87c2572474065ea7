# Gathering
from mpi4py import MPI
comm = MPI.COMM_WORLD  # fixed: missing in the tutorial

size = comm.Get_size()
worker = comm.Get_rank()

data = comm.gather(worker**3, root=0)

print(worker, worker**3)

if worker == 0:
    print("final result ", data)
