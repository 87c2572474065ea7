# Rank 1 raises while the others wait in a barrier: the run ends naming the rank and the line.
from mpi4py import MPI

comm = MPI.COMM_WORLD
if comm.rank == 1:
    raise ValueError("rank 1 has no data")
comm.Barrier()
