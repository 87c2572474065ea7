/* broken.c: does not compile (for the CLI test of compile errors). */
#include <mpi.h>

int main(int argc, char** argv)
{
    MPI_Init(&argc, &argv);
    return undeclared_variable;
}
