// One TOML reader for the four input file kinds (runs/input/toml_reader.hpp): run, phase, data and
// multitask files share the hardened parse (deep-key guard, syntax errors at their line), the typed
// key reader, and one temperature rule (docs/parameters.md, "[dynamics]"; docs/datasets.md).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "runs/input/data_spec.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/multitask_spec.hpp"
#include "runs/input/parameters.hpp"
#include "runs/input/phase_spec.hpp"

using namespace hebbmc::runs;

namespace {

// The InputError that `parse` throws, or nullopt when it accepts.
template <class F>
std::optional<InputError> refusal(F&& parse) {
  try {
    parse();
  } catch (const InputError& e) {
    return e;
  }
  return std::nullopt;
}

// A run file whose [dynamics] table is `dynamics`.
std::string run_file(const std::string& dynamics) {
  return "[model]\nN = 20\nP = 2\nK = 2\n[dynamics]\nsweeps = 10\n" + dynamics;
}

// A data file whose [dynamics] table is `dynamics` (nothing is read from disk while parsing).
std::string data_file(const std::string& dynamics) {
  return "[model]\ntype = \"supervised\"\nP = 4\n[dynamics]\nsweeps = 10\n" + dynamics +
         "[data]\nsource = \"fashion-mnist\"\nclasses = [1, 8]\nM = 5\ntest_per_class = 5\n";
}

const std::string multitask_file = "[multitask]\nP = 2\nK = [2]\nd = [0.1, 0.5]\nT = [0.1, 0.5]\npoints = 3\n";

}  // namespace

// docs/parameters.md: exactly one of T and beta, T = 0 meaning beta = +inf; rule
// "zero_temperature" may omit both and then allows only T = 0 / beta = inf. The same [dynamics]
// text must give the same beta (exactly: 1/T is one rounding) or be refused naming the same key,
// in a run file and in a data file.
TEST_CASE("input readers: run and data files apply one temperature rule") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  struct Case {
    std::string dynamics;
    double beta;      // expected beta when accepted
    const char* key;  // expected key of the refusal, nullptr when accepted
  };
  const Case cases[] = {
      {"rule = \"glauber\"\nT = 0.5\n", 2.0, nullptr},
      {"rule = \"metropolis\"\nbeta = 4.0\n", 4.0, nullptr},
      {"rule = \"glauber\"\nT = 0\n", inf, nullptr},
      {"rule = \"glauber\"\nbeta = inf\n", inf, nullptr},
      {"rule = \"zero_temperature\"\n", inf, nullptr},
      {"rule = \"zero_temperature\"\nT = 0\n", inf, nullptr},
      {"rule = \"zero_temperature\"\nbeta = inf\n", inf, nullptr},
      {"rule = \"zero_temperature\"\nT = 1\n", 0, "T"},
      {"rule = \"zero_temperature\"\nbeta = 3\n", 0, "beta"},
      {"rule = \"glauber\"\n", 0, "T"},
      {"rule = \"glauber\"\nT = -1\n", 0, "T"},
      {"rule = \"glauber\"\nT = inf\n", 0, "T"},
      {"rule = \"glauber\"\nbeta = 0\n", 0, "beta"},
      {"rule = \"glauber\"\nT = 1\nbeta = 1\n", 0, "beta"},
  };
  for (const Case& c : cases) {
    INFO("[dynamics] " << c.dynamics);
    const auto run_error = refusal([&] { parse_run_spec(run_file(c.dynamics), "run.toml"); });
    const auto data_error = refusal([&] { parse_data_spec(data_file(c.dynamics), "data.toml"); });
    if (c.key) {
      REQUIRE(run_error);
      REQUIRE(data_error);
      INFO("run: " << run_error->what() << "\ndata: " << data_error->what());
      CHECK(run_error->key == c.key);
      CHECK(data_error->key == c.key);
      continue;
    }
    REQUIRE_FALSE(run_error);
    REQUIRE_FALSE(data_error);
    CHECK(parse_run_spec(run_file(c.dynamics), "run.toml").points.front().beta == c.beta);
    CHECK(parse_data_spec(data_file(c.dynamics), "data.toml").beta == c.beta);
  }
}

// Every kind goes through the same hardened parse: a 20-part dotted key (toml++ would recurse once
// per part) is refused at its line before parsing, and a syntax error is reported at its line as
// "TOML syntax error".
TEST_CASE("input readers: every file kind refuses deep keys and reports syntax errors alike") {
  const std::string deep = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t = 1\n";
  const std::string unclosed = "[model\n";
  const auto check_all = [](const std::string& text, int line, const std::string& fragment) {
    const auto run = refusal([&] { parse_run_spec(run_file("T = 1\n") + text, "f.toml"); });
    const auto phase = refusal([&] { parse_phase_spec(run_file("T = 1\n") + text, "f.toml"); });
    const auto data = refusal([&] { parse_data_spec(data_file("T = 1\n") + text, "f.toml"); });
    const auto multitask = refusal([&] { parse_multitask_spec(multitask_file + text, "f.toml"); });
    const int data_lines = 11, run_lines = 7, multitask_lines = 6;  // lines before `text`
    for (const auto& [error, offset] : {std::pair{run, run_lines}, std::pair{phase, run_lines},
                                        std::pair{data, data_lines}, std::pair{multitask, multitask_lines}}) {
      REQUIRE(error);
      INFO(error->what());
      CHECK(error->line == offset + line);
      CHECK(std::string(error->what()).find(fragment) != std::string::npos);
    }
  };
  check_all(deep, 1, "more than 16 parts");
  check_all(unclosed, 1, "TOML syntax error");
}

// `hebbmc phase` draws the theory of the model: [dynamics] may be absent, but a present one is
// still checked for unknown keys (what `check` accepts, `phase` must run, and a typo is not silent).
TEST_CASE("input readers: a phase file needs no [dynamics], and a present one is still checked") {
  const std::string model = "[model]\nN = 100\nP = 4\nalpha = 0.01\n[phase]\npoints = 5\n";
  const PhaseSpec spec = parse_phase_spec(model, "p.toml");
  CHECK(spec.request.points == 5);
  CHECK(spec.run.points.front().P == 4);
  const auto typo = refusal([&] { parse_phase_spec(model + "[dynamics]\nTT = 1\n", "p.toml"); });
  REQUIRE(typo);
  CHECK(typo->key == "TT");
  CHECK(typo->line == 8);
  // A run needs sweeps and a temperature: the same file is refused by `run`.
  CHECK(refusal([&] { parse_run_spec(model, "p.toml"); }));
}

// The typed reader names file, line and key and says what it expected and what it got; an unknown
// key lists the table's keys with a spelling hint.
TEST_CASE("input readers: typed keys fail at the value's line with expected and found") {
  const auto range = refusal([&] {
    parse_multitask_spec("[multitask]\nP = 2\nK = [2]\nd = [0.1, 0.5]\nT = [0.1, 0.5]\npoints = 500\n", "m.toml");
  });
  REQUIRE(range);
  CHECK(range->line == 6);
  CHECK(range->key == "points");
  CHECK(std::string(range->what()) == "m.toml:6: key 'points': expected an integer in [2, 401], got 500");
  const auto unknown = refusal([&] { parse_multitask_spec(multitask_file + "pionts = 3\n", "m.toml"); });
  REQUIRE(unknown);
  CHECK(unknown->line == 7);
  CHECK(std::string(unknown->what()).find("(did you mean 'points'?)") != std::string::npos);
  const auto missing = refusal([&] { parse_multitask_spec("[multitask]\nP = 2\n", "m.toml"); });
  REQUIRE(missing);
  CHECK(missing->line == 1);  // the table's header: where the key belongs
  CHECK(missing->key == "K");
}
