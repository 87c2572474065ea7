/* Communicators and groups: split into rows, dup, groups and MPI_Comm_create, comparisons, names,
 * attributes, MPI_COMM_SELF. */
#include "check.h"

#include <string.h>

int c_split_rows(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Comm row;
    MPI_Comm_split(MPI_COMM_WORLD, rank % 2, -rank, &row);   /* keys reverse the order */
    int row_rank, row_size;
    MPI_Comm_rank(row, &row_rank);
    MPI_Comm_size(row, &row_size);
    EXPECT(row_size == (size + 1 - rank % 2) / 2);
    EXPECT(row_rank == row_size - 1 - rank / 2);
    int sum = 0;
    MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, row);
    int want = 0;
    for (int r = rank % 2; r < size; r += 2) want += r;
    EXPECT(sum == want);
    MPI_Comm none;
    MPI_Comm_split(MPI_COMM_WORLD, rank == 0 ? 0 : MPI_UNDEFINED, 0, &none);
    EXPECT(rank == 0 ? none != MPI_COMM_NULL : none == MPI_COMM_NULL);
    if (none != MPI_COMM_NULL) MPI_Comm_free(&none);
    MPI_Comm_set_name(row, "row");
    char name[MPI_MAX_OBJECT_NAME];
    int len = 0;
    MPI_Comm_get_name(row, name, &len);
    EXPECT(strcmp(name, "row") == 0 && len == 3);
    MPI_Comm_get_name(MPI_COMM_WORLD, name, &len);
    EXPECT(strcmp(name, "MPI_COMM_WORLD") == 0);
    MPI_Comm_free(&row);
    EXPECT(row == MPI_COMM_NULL);
    MPI_Finalize();
    return 0;
}

int c_dup_compare_self(void) {
    int rank, size, result = -1;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Comm dup, reversed;
    MPI_Comm_dup(MPI_COMM_WORLD, &dup);
    MPI_Comm_compare(MPI_COMM_WORLD, MPI_COMM_WORLD, &result);
    EXPECT(result == MPI_IDENT);
    MPI_Comm_compare(MPI_COMM_WORLD, dup, &result);
    EXPECT(result == MPI_CONGRUENT);
    MPI_Comm_split(MPI_COMM_WORLD, 0, size - rank, &reversed);
    MPI_Comm_compare(MPI_COMM_WORLD, reversed, &result);
    EXPECT(result == (size == 1 ? MPI_CONGRUENT : MPI_SIMILAR));
    /* Messages on the duplicate never match receives on the original. */
    int token = rank, got = -1;
    MPI_Sendrecv(&token, 1, MPI_INT, rank, 0, &got, 1, MPI_INT, rank, 0, dup, MPI_STATUS_IGNORE);
    EXPECT(got == rank);
    /* MPI_COMM_SELF: a communicator of this rank alone. */
    int self_rank = -1, self_size = -1;
    MPI_Comm_rank(MPI_COMM_SELF, &self_rank);
    MPI_Comm_size(MPI_COMM_SELF, &self_size);
    EXPECT(self_rank == 0 && self_size == 1);
    int all = 0;
    MPI_Allreduce(&rank, &all, 1, MPI_INT, MPI_SUM, MPI_COMM_SELF);
    EXPECT(all == rank);
    int flag = 0;
    MPI_Comm_test_inter(dup, &flag);
    EXPECT(flag == 0);
    MPI_Comm_free(&dup);
    MPI_Comm_free(&reversed);
    MPI_Finalize();
    return 0;
}

int c_groups(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Group world, evens, odds, back, both;
    MPI_Comm_group(MPI_COMM_WORLD, &world);
    int even_ranks[16], n_even = 0;
    for (int r = 0; r < size; r += 2) even_ranks[n_even++] = r;
    MPI_Group_incl(world, n_even, even_ranks, &evens);
    MPI_Group_excl(world, n_even, even_ranks, &odds);
    int n = -1, me = -2;
    MPI_Group_size(evens, &n);
    MPI_Group_rank(evens, &me);
    EXPECT(n == n_even && me == (rank % 2 == 0 ? rank / 2 : MPI_UNDEFINED));
    int ranges[1][3] = {{0, size - 1, 2}};
    MPI_Group_range_incl(world, 1, ranges, &back);
    int result = -1;
    MPI_Group_compare(evens, back, &result);
    EXPECT(result == MPI_IDENT);
    MPI_Group_union(odds, evens, &both);
    MPI_Group_compare(both, world, &result);
    EXPECT(result == (size == 1 ? MPI_IDENT : MPI_SIMILAR));
    int translated[16], in_evens[16];
    for (int i = 0; i < n_even; ++i) in_evens[i] = i;
    MPI_Group_translate_ranks(evens, n_even, in_evens, world, translated);
    for (int i = 0; i < n_even; ++i) EXPECT(translated[i] == 2 * i);
    /* A communicator of the even ranks; the others get MPI_COMM_NULL. */
    MPI_Comm even_comm;
    MPI_Comm_create(MPI_COMM_WORLD, evens, &even_comm);
    if (rank % 2 == 0) {
        int even_rank = -1;
        MPI_Comm_rank(even_comm, &even_rank);
        EXPECT(even_rank == rank / 2);
        MPI_Barrier(even_comm);
        MPI_Comm_free(&even_comm);
    } else {
        EXPECT(even_comm == MPI_COMM_NULL);
    }
    MPI_Group_free(&world);
    MPI_Group_free(&evens);
    MPI_Group_free(&odds);
    MPI_Group_free(&back);
    MPI_Group_free(&both);
    EXPECT(world == MPI_GROUP_NULL);
    MPI_Finalize();
    return 0;
}

static int copies = 0;   /* read only by one rank in the test (runs on 1 rank) */

static int count_copy(MPI_Comm comm, int keyval, void *extra, void *in, void *out, int *flag) {
    (void)comm, (void)keyval, (void)extra;
    ++copies;
    *(void **)out = in;
    *flag = 1;
    return MPI_SUCCESS;
}

int c_attributes(void) {
    int flag = 0, keyval = MPI_KEYVAL_INVALID, value = 5;
    MPI_Init(NULL, NULL);
    MPI_Comm_create_keyval(count_copy, MPI_COMM_NULL_DELETE_FN, &keyval, NULL);
    MPI_Comm_set_attr(MPI_COMM_WORLD, keyval, &value);
    MPI_Comm dup;
    MPI_Comm_dup(MPI_COMM_WORLD, &dup);
    int *got = NULL;
    MPI_Comm_get_attr(dup, keyval, &got, &flag);
    EXPECT(flag && got == &value && copies == 1);
    MPI_Comm_delete_attr(dup, keyval);
    MPI_Comm_get_attr(dup, keyval, &got, &flag);
    EXPECT(!flag);
    int *universe = NULL, size = 0;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_UNIVERSE_SIZE, &universe, &flag);
    EXPECT(flag && *universe == size);
    MPI_Comm_free(&dup);
    MPI_Comm_free_keyval(&keyval);
    EXPECT(keyval == MPI_KEYVAL_INVALID);
    MPI_Finalize();
    return 0;
}

int c_use_freed_comm(void) {
    int rank;
    MPI_Init(NULL, NULL);
    MPI_Comm dup, copy;
    MPI_Comm_dup(MPI_COMM_WORLD, &dup);
    copy = dup;
    MPI_Comm_free(&dup);
    MPI_Comm_rank(copy, &rank);
    MPI_Finalize();
    return 0;
}

int c_use_comm_null(void) {
    int rank;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm mine;
    MPI_Comm_split(MPI_COMM_WORLD, rank == 0 ? 1 : MPI_UNDEFINED, 0, &mine);
    MPI_Barrier(mine);
    MPI_Finalize();
    return 0;
}

/* MPI_Comm_split_type(MPI_COMM_TYPE_SHARED): every mpilab rank is on one node. Info objects hold hints. */
int c_split_type_and_info(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Info info;
    MPI_Info_create(&info);
    MPI_Info_set(info, "hint", "yes");
    char value[16];
    int flag = 0, nkeys = 0;
    MPI_Info_get(info, "hint", 15, value, &flag);
    MPI_Info_get_nkeys(info, &nkeys);
    EXPECT(flag && strcmp(value, "yes") == 0 && nkeys == 1);
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, info, &node);
    int node_size = 0;
    MPI_Comm_size(node, &node_size);
    EXPECT(node_size == size);
    MPI_Info_free(&info);
    EXPECT(info == MPI_INFO_NULL);
    MPI_Comm_free(&node);
    MPI_Finalize();
    return 0;
}
