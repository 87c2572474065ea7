# Both ranks send first: it works while the pickles are sent eagerly, and only then.
from mpi4py import MPI

comm = MPI.COMM_WORLD
other = 1 - comm.rank
comm.send(list(range(1000)), dest=other)
data = comm.recv(source=other)
print("got", len(data))
