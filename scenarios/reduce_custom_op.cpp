// reduce-custom-op: reduce with a function of the program's own (a product).
#include "scenarios/scenario_kit.hpp"

#include <cstdint>

namespace mpilab::scenarios {

Scenario reduce_custom_op() {
    Scenario s;
    s.id = "reduce-custom-op";
    s.title = "reduce with a custom function";
    s.category = "Collectives";
    s.summary = "reduce accepts any associative function as op: reduce_func(a, b) = a * b multiplies the "
                "contributions. Every rank contributes rank + 1, so the root gets size! (with the ranks "
                "themselves the product would be 0, because rank 0 contributes 0); at most 20 ranks, as 21! does "
                "not fit in 64 bits.";
    s.default_ranks = 4;
    // 21! > 2^63: the product of 1..size overflows a signed 64-bit integer from 21 ranks on.
    s.max_ranks = 20;
    s.max_ranks_why = "the root gets size!, and 21! no longer fits in a 64-bit integer";
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int worker = comm.rank();
        const int size = comm.size();
        Op reduce_func = Op::user([](const Value& a, const Value& b) {
            return Value(a.get<std::int64_t>() * b.get<std::int64_t>());
        }, /*commutative=*/true, "reduce_func");
        Value data = comm.reduce(worker + 1, reduce_func, /*root=*/0);
        if (worker == 0) {
            std::int64_t factorial = 1;
            for (int i = 2; i <= size; ++i) factorial *= i;
            comm.print("final result ", data);
            comm.check(data == factorial, "the product of 1..size is size!");
            comm.result("product", data);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
