// Reduction ops on typed elements and generic values: the predefined ops, MINLOC/MAXLOC on pairs,
// user ops, and the messages that explain an op that does not apply.
#include "core/op.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mpilab;

namespace {

template <class T>
std::vector<T> typed(const Op& op, std::vector<T> earlier, std::vector<T> later) {
    op.apply(earlier.data(), later.data(), static_cast<std::int64_t>(later.size()), datatype_of<T>);
    return later;
}

std::string refusal(const Op& op, Datatype type) {
    try {
        op.apply(nullptr, nullptr, 0, type);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

std::string refusal(const Op& op, const Value& a, const Value& b) {
    try {
        (void)op.apply(a, b);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("arithmetic ops combine typed elements elementwise") {
    CHECK(typed<int>(op::SUM, {1, 2, 3}, {10, 20, 30}) == std::vector<int>{11, 22, 33});
    CHECK(typed<double>(op::PROD, {2, 0.5}, {3, 4}) == std::vector<double>{6, 2});
    CHECK(typed<std::int64_t>(op::MIN, {5, -1}, {3, 4}) == std::vector<std::int64_t>{3, -1});
    CHECK(typed<float>(op::MAX, {5, -1}, {3, 4}) == std::vector<float>{5, 4});
    CHECK(typed<std::uint8_t>(op::SUM, {200}, {100}) == std::vector<std::uint8_t>{44});   // wraps as in C
    CHECK(typed<std::int32_t>(op::SUM, {2147483647}, {1}) == std::vector<std::int32_t>{-2147483647 - 1});
}

TEST_CASE("logical and bitwise ops work on integers and their own kinds") {
    CHECK(typed<int>(op::LAND, {1, 0, 7}, {2, 3, 0}) == std::vector<int>{1, 0, 0});
    CHECK(typed<int>(op::LOR, {0, 0}, {0, 9}) == std::vector<int>{0, 1});
    CHECK(typed<int>(op::LXOR, {1, 1}, {0, 5}) == std::vector<int>{1, 0});
    CHECK(typed<std::uint32_t>(op::BAND, {0b1100}, {0b1010}) == std::vector<std::uint32_t>{0b1000});
    CHECK(typed<std::int16_t>(op::BOR, {0b1100}, {0b1010}) == std::vector<std::int16_t>{0b1110});
    CHECK(typed<std::int64_t>(op::BXOR, {0b1100}, {0b1010}) == std::vector<std::int64_t>{0b0110});
    CHECK(op::LAND.supports(datatype_of<bool>));
    CHECK(op::BOR.supports(datatype_of<std::byte>));
}

TEST_CASE("MINLOC and MAXLOC keep the value with its index, the lower index on a tie") {
    CHECK(typed<DoubleInt>(op::MINLOC, {{1.5, 3}, {2, 1}}, {{2.5, 0}, {2, 4}}) == std::vector<DoubleInt>{{1.5, 3}, {2, 1}});
    CHECK(typed<IntInt>(op::MAXLOC, {{1, 3}, {7, 5}}, {{2, 0}, {7, 2}}) == std::vector<IntInt>{{2, 0}, {7, 2}});
    CHECK(typed<LongInt>(op::MAXLOC, {{1LL << 40, 1}}, {{5, 0}}) == std::vector<LongInt>{{1LL << 40, 1}});
    CHECK(typed<FloatInt>(op::MINLOC, {{1.0f, 9}}, {{1.0f, 2}}) == std::vector<FloatInt>{{1.0f, 2}});
    CHECK(op::MINLOC.apply(Value::array({3, 1}), Value::array({2, 4})) == Value::array({2, 4}));
    CHECK(op::MAXLOC.apply(Value::array({3, 1}), Value::array({3, 0})) == Value::array({3, 0}));
}

TEST_CASE("an op that does not apply to a type says why and what would") {
    CHECK(!op::BAND.supports(datatype_of<double>));
    CHECK(refusal(op::BAND, datatype_of<double>).find("bitwise ops need integer") != std::string::npos);
    CHECK(refusal(op::SUM, datatype_of<IntInt>).find("use MINLOC or MAXLOC") != std::string::npos);
    CHECK(refusal(op::MINLOC, datatype_of<double>).find("value-and-index pairs") != std::string::npos);
    CHECK(refusal(op::LAND, datatype_of<float>).find("logical ops need integer or bool") != std::string::npos);
    CHECK(refusal(op::SUM, datatype_of<char>).find("arithmetic ops") != std::string::npos);
    CHECK(refusal(op::SUM, datatype_of<int>).empty());
    CHECK(refusal(Op(), datatype_of<int>).find("no reduction op") != std::string::npos);
}

TEST_CASE("predefined ops on generic values follow the values' kinds") {
    CHECK(op::SUM.apply(2, 3) == 5);
    CHECK(op::SUM.apply(2, 0.5) == 2.5);
    CHECK(op::SUM.apply("ab", "cd") == "abcd");
    CHECK(op::SUM.apply(Value::array({1}), Value::array({2, 3})) == Value::array({1, 2, 3}));
    CHECK(op::PROD.apply(-2, 3) == -6);
    CHECK(op::MIN.apply(2, 1.5) == 1.5);
    CHECK(op::MAX.apply("pear", "apple") == "pear");
    CHECK(op::LAND.apply(true, 0) == false);
    CHECK(op::LOR.apply(false, 2) == true);
    CHECK(op::LXOR.apply(true, true) == false);
    CHECK(op::BXOR.apply(6, 3) == 5);
}

TEST_CASE("a generic op that cannot combine two values says which values and what it needs") {
    CHECK(refusal(op::SUM, "a", 1).find("SUM cannot combine a string with a number") != std::string::npos);
    CHECK(refusal(op::BAND, 1.5, 2).find("two integers") != std::string::npos);
    CHECK(refusal(op::MINLOC, 1, 2).find("[value, index] pairs") != std::string::npos);
    CHECK(refusal(op::LAND, "yes", true).find("booleans or numbers") != std::string::npos);
}

TEST_CASE("user ops apply the caller's function and keep their name and commutativity") {
    const Op concat = Op::user([](const Value& a, const Value& b) { return Value(a.get<std::string>() + b.get<std::string>()); },
                               false, "concat");
    CHECK(concat.kind() == OpKind::User);
    CHECK(concat.name() == "concat");
    CHECK(!concat.commutative());
    CHECK(concat.apply("x", "y") == "xy");
    // A generic user op also serves typed numbers, element by element.
    const Op twice_sum = Op::user([](const Value& a, const Value& b) { return Value(2 * (a.get<int>() + b.get<int>())); });
    CHECK(typed<int>(twice_sum, {1, 2}, {3, 4}) == std::vector<int>{8, 12});
    const Op typed_max = Op::user_typed([](const void* in, void* inout, std::int64_t n, Datatype) {
        const auto* a = static_cast<const double*>(in);
        auto* b = static_cast<double*>(inout);
        for (std::int64_t i = 0; i < n; ++i) b[i] = a[i] > b[i] ? a[i] : b[i];
    });
    CHECK(typed<double>(typed_max, {1, 9}, {5, 2}) == std::vector<double>{5, 9});
    CHECK(refusal(typed_max, 1, 2).find("typed buffers only") != std::string::npos);
}
