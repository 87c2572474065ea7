# Rank 0 leaves with sys.exit while rank 1 still waits for its message.
import sys
from mpi4py import MPI

comm = MPI.COMM_WORLD
if comm.rank == 0:
    sys.exit(0)
comm.recv(source=0)
