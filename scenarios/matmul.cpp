// matmul: C = A * B on a q x q grid of ranks with Cannon's algorithm. Each rank owns one block of A, B
// and C; blocks of A move west and blocks of B move north, so each rank meets every block it needs.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios {

namespace {

// The matrices are small integers, so every product and sum is exact in double.
double a_entry(std::int64_t i, std::int64_t j) { return static_cast<double>((i + 2 * j) % 7); }
double b_entry(std::int64_t i, std::int64_t j) { return static_cast<double>((3 * i + j) % 5); }

using Block = std::vector<double>;   // block x block, row-major

// c += a * b for square blocks of side `side`.
void multiply_add(const Block& a, const Block& b, Block& c, std::int64_t side) {
    for (std::int64_t i = 0; i < side; ++i)
        for (std::int64_t k = 0; k < side; ++k)
            for (std::int64_t j = 0; j < side; ++j) c[i * side + j] += a[i * side + k] * b[k * side + j];
}

}  // namespace

Scenario matmul() {
    Scenario s;
    s.id = "matmul";
    s.title = "Block matrix product on a 2 x 2 grid (Cannon)";
    s.category = "Applications";
    s.summary = "The matrices are cut into a q x q grid of blocks, one per rank. After an initial skew, each "
                "step multiplies the local blocks and shifts A one rank west and B one rank north with Sendrecv "
                "(east/west/north/south neighbours on a torus). After q steps every rank holds its block of C.";
    s.default_ranks = 4;
    s.ranks_check = square_ranks;
    s.params = {{"block", 32, "side of each rank's block (the matrix side is q * block)", 1, 1024}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        int q = 1;
        while (q * q < comm.size()) ++q;
        const std::int64_t side = params.integer("block");
        const int row = rank / q, col = rank % q;
        auto at = [q](int r, int c) { return ((r + q) % q) * q + (c + q) % q; };
        if (rank == 0) comm.print("Creating a ", q, " x ", q, " processor grid...");

        Block a(side * side), b(side * side), c(side * side, 0.0), incoming(side * side);
        for (std::int64_t i = 0; i < side; ++i)
            for (std::int64_t j = 0; j < side; ++j) {
                a[i * side + j] = a_entry(row * side + i, col * side + j);
                b[i * side + j] = b_entry(row * side + i, col * side + j);
            }
        // A shift sends the local block to `dest` and replaces it by the block that `source` sends.
        auto shift = [&](Block& block, int dest, int source, int tag) {
            comm.Sendrecv(block, dest, tag, incoming, source, tag);
            block.swap(incoming);
        };
        // Initial skew: row r of A moves r ranks west, column c of B moves c ranks north.
        if (row > 0) shift(a, at(row, col - row), at(row, col + row), 0);
        if (col > 0) shift(b, at(row - col, col), at(row + col, col), 1);
        for (int step = 0; step < q; ++step) {
            multiply_add(a, b, c, side);
            comm.compute(2e-9 * static_cast<double>(side * side * side));
            if (step + 1 < q) {
                shift(a, at(row, col - 1), at(row, col + 1), 2);   // west
                shift(b, at(row - 1, col), at(row + 1, col), 3);   // north
            }
        }
        bool right = true;
        const std::int64_t n = q * side;
        for (std::int64_t i = 0; i < side && right; ++i)
            for (std::int64_t j = 0; j < side; ++j) {
                double expected = 0;
                for (std::int64_t k = 0; k < n; ++k)
                    expected += a_entry(row * side + i, k) * b_entry(k, col * side + j);
                right = right && c[i * side + j] == expected;
            }
        comm.check(right, "every block of C equals the serial product");
        Value checksum = comm.reduce(c[0] + c.back(), op::SUM, 0);
        if (rank == 0) {
            comm.print("Computed (parallel) ", n, " x ", n, " x ", n);
            comm.result("matrix side", n);
            comm.result("corner checksum", checksum);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
