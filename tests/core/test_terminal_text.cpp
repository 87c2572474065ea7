// Text from a trace or a program shown on a terminal: every control character becomes a visible escape,
// so no trace can set the window title, clear the screen or rewrite a line of the report.
#include "core/terminal_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mpilab;

TEST_CASE("printable text, newlines, tabs and UTF-8 pass through unchanged") {
    const std::string text = "rank 0: 3.14\tdone\n\xc3\xbc\xe4\xb8\xad\xf0\x9f\x98\x80 \\n is not a newline";
    CHECK(terminal_safe(text) == text);
}

TEST_CASE("escape sequences that retitle, clear or rewrite the terminal are shown, not sent") {
    const std::string attack = "\x1b]0;pwned\x07\x1b[2J\rCOMPLETED\x7f\b";
    const std::string shown = terminal_safe(attack);
    CHECK(shown == "\\x1b]0;pwned\\x07\\x1b[2J\\x0dCOMPLETED\\x7f\\x08");
    for (char c : shown) CHECK((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f));
}

TEST_CASE("C1 controls, bidirectional overrides and bytes that are not UTF-8 are escaped") {
    CHECK(terminal_safe("a\xc2\x9b" "31mb") == "a\\u{009b}31mb");             // CSI as a C1 control
    CHECK(terminal_safe("x\xe2\x80\xaeyz") == "x\\u{202e}yz");                // right-to-left override
    CHECK(terminal_safe("bad \xff\xfe end") == "bad \\xff\\xfe end");
    CHECK(terminal_safe("cut \xe2\x82") == "cut \\xe2\\x82");                  // a sequence cut short
    CHECK(terminal_safe("\xc0\xaf") == "\\xc0\\xaf");                          // an overlong '/'
    CHECK(terminal_safe("\xed\xa0\x80") == "\\xed\\xa0\\x80");                 // a surrogate
}
