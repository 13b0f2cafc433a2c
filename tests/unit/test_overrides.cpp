// Command-line overrides (`--set`, runs/input/overrides.hpp): the text recorded in the output for
// every way a TOML file can hold a table, and the source named by the refusals.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "runs/input/parameters.hpp"

using namespace hebbmc::runs;

namespace {

/// The recorded text of `text` with the overrides.
std::string recorded(const std::string& text, const std::vector<std::string>& set) {
  return parse_run_spec(text, "f.toml", set).text;
}

/// The error of a refused parse (fails the test if it is accepted).
InputError refusal(const std::string& text, const std::vector<std::string>& set) {
  try {
    parse_run_spec(text, "f.toml", set);
  } catch (const InputError& e) {
    return e;
  }
  FAIL("accepted");
  return InputError("", 0, "", "");
}

const std::string base = "# é\n[model]\nN = 60 # neurons\nP = 2\nK = 2\n\n[dynamics]\nT = 0.3\nsweeps = 20\n";

}  // namespace

TEST_CASE("no --set: the text is the file's, byte for byte") { CHECK(recorded(base, {}) == base); }

TEST_CASE("--set replaces a value in place, keeping its comment and every other line") {
  CHECK(recorded(base, {"N=400", "dynamics.T=5e-1"}) ==
        "# é\n[model]\nN = 400 # neurons\nP = 2\nK = 2\n\n[dynamics]\nT = 5e-1\nsweeps = 20\n");
  CHECK(parse_run_spec(base, "f.toml", {"N=400", "T=5e-1"}).points[0].N == 400);
  CHECK(parse_run_spec(base, "f.toml", {"N=400", "T=5e-1"}).points[0].T == 0.5);
}

TEST_CASE("--set of a key the file lacks: after the header, in command-line order, or a new table") {
  CHECK(recorded(base, {"thermalization=5", "rule=metropolis", "samples=3", "seed=9", "curve_points=7"}) ==
        "# é\n[model]\nN = 60 # neurons\nP = 2\nK = 2\n\n[dynamics]\nthermalization = 5\nrule = 'metropolis'\n"
        "T = 0.3\nsweeps = 20\n\n[run]\nsamples = 3\nseed = 9\n\n[theory]\ncurve_points = 7\n");
}

TEST_CASE("--set into an inline table and into dotted keys, after non-ASCII text on the line") {
  const std::string text = "model = { N = 60, P = 2, K = 2 }\ndynamics.T = 0.3\ndynamics.sweeps = 20\n"
                           "run = { output = \"é.h5\", seed = 3 }\n";
  CHECK(recorded(text, {"d=0.1", "seed=4", "sweeps=30", "init=\"random\"", "output=\"b.h5\""}) ==
        "model = { d = 0.1, N = 60, P = 2, K = 2 }\ndynamics.init = \"random\"\ndynamics.T = 0.3\n"
        "dynamics.sweeps = 30\nrun = { output = \"b.h5\", seed = 4 }\n");
}

TEST_CASE("--set refusals name the argument and the key, with no line") {
  const auto check = [](const std::vector<std::string>& set, const std::string& label, const std::string& key) {
    const InputError e = refusal(base, set);
    CHECK(e.file == label);
    CHECK(e.line == 0);
    CHECK(e.key == key);
  };
  check({"N=-5"}, "--set N=-5", "N");                  // out of range, by the file's rule
  check({"T=abc"}, "--set T=abc", "T");                // not a TOML value
  check({"T=\"hot\""}, "--set T=\"hot\"", "T");        // wrong type
  check({"model.T=1"}, "--set model.T=1", "model.T");  // wrong table
  check({"Tx=1"}, "--set Tx=1", "Tx");                 // unknown key
  check({"N"}, "--set N", "N");                        // no value
  check({"N=3", "model.N=4"}, "--set model.N=4", "N");  // twice
  check({"beta=2"}, "--set beta=2", "beta");           // excludes T, set in the file
  check({"rule=foo"}, "--set rule=foo", "rule");       // not a choice
  check({"T=0.5\nN=3"}, "--set T=0.5\\x0aN=3", "T");   // one value only
}

TEST_CASE("--set of a swept key is refused") {
  const InputError e = refusal("[model]\nN = 60\nP = 2\nK = 2\n[dynamics]\nsweeps = 20\n[sweep]\nT = [0.1, 0.2]\n", {"T=0.5"});
  CHECK(e.file == "--set T=0.5");
  CHECK(std::string(e.what()).find("swept in [sweep] (line 8 of f.toml)") != std::string::npos);
}
