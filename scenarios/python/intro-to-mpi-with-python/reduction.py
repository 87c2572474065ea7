# Reduction
from mpi4py import MPI

def reduce_func(a,b):
    return a*b

size = comm.Get_size()
worker = comm.Get_rank()

data = comm.reduce(worker, op=reduce_func, root=0)

print(worker, worker)

if worker == 0:
    print("final result ",data)
