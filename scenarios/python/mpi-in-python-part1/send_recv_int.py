from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

assert size == 2 # only designed for two processes

ground_truth = 5
if rank == 0:
    val = ground_truth
    comm.send(val, dest=1, tag=0)
else:
    val = comm.recv(source=0, tag=0)
    assert val == ground_truth
