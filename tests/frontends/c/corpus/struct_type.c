/* struct_type.c: a C struct as one MPI datatype. MPI_Type_create_struct takes each member's count,
 * byte offset (offsetof, which includes the compiler's padding) and type; MPI_Type_create_resized
 * makes the extent sizeof(struct particle), so an array of particles can be sent in one call. */
#include <mpi.h>
#include <stddef.h>
#include <stdio.h>

struct particle {
    char kind;
    double position[3];
    int id;
};

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);

    int blocklengths[3] = {1, 3, 1};
    MPI_Aint offsets[3] = {offsetof(struct particle, kind), offsetof(struct particle, position),
                           offsetof(struct particle, id)};
    MPI_Datatype types[3] = {MPI_CHAR, MPI_DOUBLE, MPI_INT}, raw, particle_type;
    MPI_Type_create_struct(3, blocklengths, offsets, types, &raw);
    MPI_Type_create_resized(raw, 0, sizeof(struct particle), &particle_type);
    MPI_Type_commit(&particle_type);

    struct particle p[2];
    if (rank == 0) {
        for (int i = 0; i < 2; i++) {
            p[i].kind = (char)('a' + i);
            p[i].position[0] = i;
            p[i].position[1] = i + 0.5;
            p[i].position[2] = -i;
            p[i].id = 100 + i;
        }
        MPI_Send(p, 2, particle_type, 1, 7, MPI_COMM_WORLD);
    } else if (rank == 1) {
        MPI_Recv(p, 2, particle_type, 0, 7, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 0; i < 2; i++)
            printf("particle %d: kind %c at (%g, %g, %g)\n", p[i].id, p[i].kind, p[i].position[0], p[i].position[1],
                   p[i].position[2]);
    }
    MPI_Type_free(&particle_type);
    MPI_Type_free(&raw);
    MPI_Finalize();
    return 0;
}
