// Generic values on the wire: JSON values weigh their text, binary values (a front end's own
// serialisation, such as a Python pickle) weigh exactly their bytes, and both arrive unchanged.
#include "core/wire.hpp"
#include "tests/core/support.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

Value bytes(std::size_t n, std::uint8_t fill = 0x80) { return Value::binary(std::vector<std::uint8_t>(n, fill)); }

}  // namespace

TEST_CASE("a JSON value travels as its text and weighs its length") {
    const Value v = {{"a", 7}, {"b", 3.14}};
    const WireValue w = encode_value(v);
    CHECK(w.text == v.dump());
    CHECK(w.bytes == static_cast<std::int64_t>(v.dump().size()));
    CHECK(decode_value(w.text) == v);
    CHECK(wire_bytes(v) == w.bytes);
}

TEST_CASE("a binary value weighs exactly its bytes, whatever they are, and comes back equal") {
    for (std::uint8_t first : {std::uint8_t{0x00}, std::uint8_t{'{'}, std::uint8_t{'"'}, std::uint8_t{0x80}}) {
        Value v = bytes(21);
        v.get_binary()[0] = first;
        const WireValue w = encode_value(v);
        CHECK(w.bytes == 21);
        CHECK(decode_value(w.text) == v);
    }
    CHECK(encode_value(bytes(0)).bytes == 0);
    CHECK(decode_value(encode_value(bytes(0)).text) == bytes(0));
}

TEST_CASE("an array of binary values (a collective's blocks) weighs the sum of its items") {
    const Value blocks = Value::array({bytes(10), bytes(20), bytes(5)});
    const WireValue w = encode_value(blocks);
    CHECK(w.bytes == 35);
    CHECK(decode_value(w.text) == blocks);
    const Value mixed = {{"x", bytes(4)}, {"y", 1}};
    CHECK(decode_value(encode_value(mixed).text) == mixed);
}

TEST_CASE("a binary send is eager up to the threshold and rendezvous one byte past it") {
    for (std::size_t n : {std::size_t{100}, std::size_t{101}}) {
        const RunResult r = run(config(2, 100), [n](Comm& comm) {
            const int other = 1 - comm.rank();
            comm.send(bytes(n), other);
            const Value got = comm.recv(other);
            comm.check(got == bytes(n), "the bytes arrived unchanged");
        });
        CAPTURE(n);
        CHECK(status(r) == (n == 100 ? "completed" : "deadlock"));
        REQUIRE(!r.trace.messages.empty());
        CHECK(r.trace.messages[0].bytes == static_cast<std::int64_t>(n));
    }
}

TEST_CASE("generic collectives move binary values and count their bytes") {
    const RunResult r = run(config(4), [](Comm& comm) {
        const Value all = comm.gather(bytes(3 + comm.rank()), 0);
        if (comm.rank() == 0) {
            comm.check(all.size() == 4 && all[3] == bytes(6), "gathered every rank's bytes");
        }
        const Value mine = comm.bcast(comm.rank() == 0 ? bytes(8) : Value(), 0);
        comm.check(mine == bytes(8), "broadcast bytes");
    });
    CHECK(status(r) == "completed");
    std::int64_t gathered = 0;
    for (const MessageRecord& m : r.trace.messages)
        if (m.flags & MSG_GENERIC) gathered += m.bytes;
    // Binomial gather: 1 -> 0 carries 4 bytes, 3 -> 2 carries 6, 2 -> 0 carries rank 2's and 3's, 5 + 6.
    // Binomial bcast: three messages of 8 bytes.
    CHECK(gathered == 4 + 6 + 11 + 3 * 8);
}
