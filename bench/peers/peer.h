/* What the C peers share: a wall clock, argument parsing and start-up. SMPI's headers redefine
 * clock_gettime() to return simulated time, so the peers read the monotonic clock through the raw
 * system call: what is measured is always real elapsed time, under MPICH and SMPI alike. */
#ifndef MPILAB_BENCH_PEER_H
#define MPILAB_BENCH_PEER_H

#include <mpi.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double bench_wall_seconds(void)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long bench_arg(int argc, char** argv, int index, long fallback)
{
    return argc > index ? strtol(argv[index], NULL, 10) : fallback;
}

/* MPI_Init, then this process's rank and the world's size. */
static void peer_init(int* argc, char*** argv, int* rank, int* size)
{
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
}

#endif
