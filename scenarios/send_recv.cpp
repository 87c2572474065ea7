// send-recv: rank 0 sends an int and a dict to rank 1; tags tell the two messages apart.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario send_recv() {
    Scenario s;
    s.id = "send-recv";
    s.title = "send and recv: an int and a dict, told apart by tags";
    s.category = "Basics";
    s.summary = "Rank 0 sends an int with tag 0 and a dict with tag 1; rank 1 receives each by naming source and "
                "tag. Any picklable object can be sent; its size on the wire is that of its serialised form. The "
                "receives are posted in the order of the sends: receiving the dict first would only work while "
                "the runtime buffers the int (`mpilab check send-recv` would call that unsafe).";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.max_ranks = 2;   // the tutorial's `assert size == 2`
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const Value ground_truth_int = 5;
        const Value ground_truth_dict = {{"a", 1}, {"b", 2}};
        if (comm.rank() == 0) {
            comm.send(ground_truth_int, /*dest=*/1, /*tag=*/0);
            comm.send(ground_truth_dict, /*dest=*/1, /*tag=*/1);
            comm.print("sent an int (tag 0) and a dict (tag 1) to rank 1");
        } else {
            Value val = comm.recv(/*source=*/0, /*tag=*/0);
            comm.check(val == ground_truth_int, "val == ground_truth");
            Value d = comm.recv(/*source=*/0, /*tag=*/1);
            comm.check(d == ground_truth_dict, "d == ground_truth");
            comm.print("received ", val, " (tag 0) and ", d, " (tag 1)");
            comm.result("int", val);
            comm.result("dict", d);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
