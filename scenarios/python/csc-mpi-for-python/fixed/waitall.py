from mpi4py import MPI
import numpy

comm = MPI.COMM_WORLD
rank = comm.Get_rank()

from mpi4py.MPI import Request

data = numpy.arange(10, dtype=float) * (rank + 1)  # send buffer
buffer = numpy.empty(10, float)                    # receive buffer

if rank == 0:
    req = [comm.Isend(data, dest=1)]  # fixed: one ')' too many
    req.append(comm.Irecv(buffer, source=1))
else:  # fixed: rank 1 exchanges with rank 0
    req = [comm.Isend(data, dest=0)]
    req.append(comm.Irecv(buffer, source=0))
Request.waitall(req)
