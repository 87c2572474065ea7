# The program's own arguments arrive in sys.argv: mpilab run argv.py -n 8 -- --size 100
import sys
from mpi4py import MPI

comm = MPI.COMM_WORLD
size = int(sys.argv[sys.argv.index("--size") + 1]) if "--size" in sys.argv else 10
total = comm.allreduce(size * comm.rank)
if comm.rank == 0:
    print("argv", sys.argv[1:], "total", total)
