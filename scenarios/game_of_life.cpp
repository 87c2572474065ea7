// game-of-life: Conway's Game of Life on a torus, the rows divided among the ranks. Before every
// generation each rank swaps its edge rows with its neighbours (a halo exchange) with Sendrecv.
#include "scenarios/scenario_kit.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace mpilab::scenarios {

namespace {

using Cells = std::vector<std::uint8_t>;   // row-major, 1 = alive

// A reproducible random start: a small linear congruential generator seeded by `seed`.
Cells initial_grid(std::int64_t rows, std::int64_t cols, std::int64_t seed) {
    Cells grid(static_cast<std::size_t>(rows * cols));
    std::uint64_t state = static_cast<std::uint64_t>(seed) * 2862933555777941757ULL + 3037000493ULL;
    for (auto& cell : grid) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        cell = (state >> 61) < 3 ? 1 : 0;   // about 3 in 8 alive
    }
    return grid;
}

// One generation of `rows` rows, given the rows above and below them (`padded` has rows + 2 rows).
Cells step(const Cells& padded, std::int64_t rows, std::int64_t cols) {
    Cells next(static_cast<std::size_t>(rows * cols));
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c) {
            int neighbours = 0;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc)
                    if (dr != 0 || dc != 0) neighbours += padded[(r + 1 + dr) * cols + (c + dc + cols) % cols];
            const bool alive = padded[(r + 1) * cols + c] != 0;
            next[r * cols + c] = (neighbours == 3 || (alive && neighbours == 2)) ? 1 : 0;
        }
    return next;
}

// The whole grid on one rank, for checking: the periodic rows wrap around.
Cells serial_generations(Cells grid, std::int64_t rows, std::int64_t cols, std::int64_t generations) {
    for (std::int64_t g = 0; g < generations; ++g) {
        Cells padded(static_cast<std::size_t>((rows + 2) * cols));
        std::copy(grid.end() - cols, grid.end(), padded.begin());
        std::copy(grid.begin(), grid.end(), padded.begin() + cols);
        std::copy(grid.begin(), grid.begin() + cols, padded.end() - cols);
        grid = step(padded, rows, cols);
    }
    return grid;
}

}  // namespace

Scenario game_of_life() {
    Scenario s;
    s.id = "game-of-life";
    s.title = "Game of Life with a halo exchange";
    s.category = "Applications";
    s.summary = "Each rank owns a band of rows of a periodic grid. A cell's next state depends on its eight "
                "neighbours, so before every generation each rank sends its top row up and its bottom row down "
                "and receives its neighbours' edge rows (ghost rows) with Sendrecv, which cannot deadlock. At the "
                "end rank 0 gathers the grid and compares it with a serial run.";
    s.default_ranks = 4;
    s.params = {
        {"rows", 32, "rows of the grid (at least one per rank)", 1, 4096},
        {"cols", 32, "columns of the grid", 1, 4096},
        {"generations", 20, "generations to simulate", 0, 100000},
        {"seed", 1, "seed of the random initial grid", 0, 1e15},
    };
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const std::int64_t rows = params.integer("rows"), cols = params.integer("cols");
        const std::int64_t generations = params.integer("generations");
        comm.check(rows >= size, "the grid has at least one row per rank (use --set rows=... or fewer ranks)");
        std::vector<int> counts(size), displs(size);
        for (int r = 0, offset = 0; r < size; ++r) {
            counts[r] = static_cast<int>((rows / size + (r < rows % size ? 1 : 0)) * cols);
            displs[r] = offset;
            offset += counts[r];
        }
        const std::int64_t my_rows = counts[rank] / cols;
        const int up = (rank - 1 + size) % size, down = (rank + 1) % size;

        const Cells start = initial_grid(rows, cols, params.integer("seed"));
        Cells mine(start.begin() + displs[rank], start.begin() + displs[rank] + counts[rank]);
        Cells padded(static_cast<std::size_t>((my_rows + 2) * cols));
        for (std::int64_t g = 0; g < generations; ++g) {
            std::copy(mine.begin(), mine.end(), padded.begin() + cols);
            std::span<std::uint8_t> top_ghost(padded.data(), cols);
            std::span<std::uint8_t> bottom_ghost(padded.data() + (my_rows + 1) * cols, cols);
            std::span<const std::uint8_t> top_row(mine.data(), cols);
            std::span<const std::uint8_t> bottom_row(mine.data() + (my_rows - 1) * cols, cols);
            comm.Sendrecv(top_row, up, /*sendtag=*/0, bottom_ghost, down, /*recvtag=*/0);      // rows go up
            comm.Sendrecv(bottom_row, down, /*sendtag=*/1, top_ghost, up, /*recvtag=*/1);      // rows go down
            mine = step(padded, my_rows, cols);
            comm.compute(1e-9 * static_cast<double>(mine.size()));
        }

        Cells grid(rank == 0 ? static_cast<std::size_t>(rows * cols) : 0);
        comm.Gatherv(mine, grid, counts, displs, /*root=*/0);
        if (rank == 0) {
            comm.check(grid == serial_generations(start, rows, cols, generations), "the grid equals a serial run");
            std::int64_t alive = 0;
            for (auto cell : grid) alive += cell;
            comm.print("after ", generations, " generations ", alive, " cells are alive");
            comm.result("alive", alive);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
