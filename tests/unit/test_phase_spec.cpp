// The [phase] table of `hebbmc phase` (runs/phase_spec.cpp, docs/theory.md "hebbmc phase"): defaults,
// values, and errors that name file, line and key.
#include "runs/input_error.hpp"
#include "runs/phase_spec.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace hebbmc::runs;

namespace {

const std::string base = "[model]\nN = 1000\nP = 2\nalpha = 0.05\n\n[dynamics]\nT = 0.5\nsweeps = 100\n";  // 8 lines

// The InputError of parsing `text`, or a default one if it parses.
InputError error_of(const std::string& text) {
  try {
    parse_phase_spec(text, "ph.toml");
  } catch (const InputError& e) {
    return e;
  }
  return InputError("", -1, "", "parsed without error");
}

}  // namespace

// Without [phase] the window is the per-P default; with it, every key is read; blanking the [phase]
// lines keeps the line numbers of errors elsewhere in the file (exact line checked).
TEST_CASE("phase spec: defaults without [phase], values with it; the rest of the file validated as usual") {
  const PhaseSpec none = parse_phase_spec(base, "dir/ph.toml");
  CHECK(none.request.P == 2);
  CHECK(none.request.alpha_max == 0.16);
  CHECK(none.output == "ph_phase.h5");
  const PhaseSpec with = parse_phase_spec(base + "\n[phase]\nalpha = [0.0, 0.1]\nT = [0.1, 2]\npoints = 9\n"
                                                 "tolerance = 1e-9\noutput = \"x.h5\"\n",
                                          "ph.toml");
  CHECK(with.request.alpha_max == 0.1);
  CHECK(with.request.T_min == 0.1);
  CHECK(with.request.T_max == 2.0);
  CHECK(with.request.points == 9);
  CHECK(with.request.tolerance == 1e-9);
  CHECK(with.output == "x.h5");
  // A [phase] table before other tables: its lines are blanked, line numbers of the rest unchanged.
  const InputError moved = error_of("[phase]\npoints = 9\n\n[model]\nN = 1000\nP = 3\nalpha = 0.05\n[dynamics]\nT = 0.5\nsweeps = 100\n");
  CHECK(moved.line == 6);
  CHECK(moved.key == "P");
}

// Every bad key or value of [phase], and a model without a phase diagram (P swept, learning model),
// is an InputError with the file, the 1-based line and the key (architecture.md, "Parameter files").
TEST_CASE("phase spec: bad [phase] keys are InputErrors naming file, line and key") {
  const InputError unknown = error_of(base + "[phase]\npoints = 9\nalpah = [0, 1]\n");
  CHECK(unknown.file == "ph.toml");
  CHECK(unknown.line == 11);
  CHECK(unknown.key == "alpah");
  const InputError range = error_of(base + "[phase]\nT = [1.0, 0.5]\n");
  CHECK(range.line == 10);
  CHECK(range.key == "T");
  CHECK(error_of(base + "[phase]\npoints = 1\n").key == "points");
  CHECK(error_of(base + "[phase]\npoints = 2.5\n").key == "points");
  CHECK(error_of(base + "[phase]\ntolerance = 0.5\n").key == "tolerance");
  CHECK(error_of(base + "[phase]\nrsb = true\n").key == "rsb");  // 1RSB lines exist for P >= 4 only
  CHECK(error_of(base + "[phase]\noutput = \"\"\n").key == "output");
  const InputError swept = error_of("[model]\nN = 1000\nalpha = 0.01\n[dynamics]\nT = 0.5\nsweeps = 100\n[sweep]\nP = [2, 4]\n");
  CHECK(swept.key == "P");
  CHECK(swept.line == 8);
  CHECK(error_of("[model]\ntype = \"supervised\"\nN = 100\nP = 2\nK = 1\nM = 5\nr = 0.5\n[dynamics]\nT = 0.5\nsweeps = 10\n").key ==
        "type");
}
