# Both ranks receive first: neither reaches its send.
from mpi4py import MPI

comm = MPI.COMM_WORLD
other = 1 - comm.rank
data = comm.recv(source=other)
comm.send({"from": comm.rank}, dest=other)
