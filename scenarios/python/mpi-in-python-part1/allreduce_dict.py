from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

# MPI.SUM doesn't support dicts
def dict_reduce(dict1, dict2):
    return {'v' : dict1['v'] + dict2['v']}

d = {}
if rank == 0:
    d = {'v' : 0}
d = comm.bcast(d, root=0)
d['v'] = rank
sumRanks = comm.allreduce(d, op=dict_reduce) # no longer pass in a root
assert sumRanks['v'] == sum(range(size))
