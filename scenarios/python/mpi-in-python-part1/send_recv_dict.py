from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

assert size == 2 # only designed for two processes

ground_truth = {'a' : 1, 'b' : 2}
if rank == 0:
    d = ground_truth
    comm.send(d, dest=1, tag=0)
else:
    d = comm.recv(source=0, tag=0)
    assert d == ground_truth
