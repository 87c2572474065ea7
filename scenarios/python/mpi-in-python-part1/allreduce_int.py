from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

val = None
if rank == 0:
    val = 0
val = comm.bcast(val, root=0)
sumRanks = comm.allreduce(rank + val, op=MPI.SUM) # no longer pass in a root
assert sumRanks == sum(range(size))
