// The [phase] table of `hebbmc phase` (runs/input/phase_spec.cpp, docs/theory.md "hebbmc phase"): defaults,
// values, and errors that name file, line and key.
#include "runs/input/input_error.hpp"
#include "runs/input/phase_spec.hpp"

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
// is an InputError with the file, the 1-based line and the key (docs/architecture.md, "Parameter files").
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
  // Learning models have phase diagrams for P >= 4 only (high storage is derived for P >= 4, docs/learning.md).
  const InputError p2 = error_of("[model]\ntype = \"supervised\"\nN = 100\nP = 2\nK = 1\nM = 5\nr = 0.5\n[dynamics]\nT = 0.5\nsweeps = 10\n");
  CHECK(p2.key == "P");
  CHECK(p2.line == 4);
}

namespace {

// A learning file: 11 lines before [phase] (line 12), so its first key is on line 13.
std::string learning(const std::string& type, const std::string& phase) {
  return "[model]\ntype = \"" + type + "\"\nN = 600\nP = 4\nK = 2\nM = 50\nr = 0.4\n[dynamics]\nT = 0.03\nsweeps = 100\n\n" +
         (phase.empty() ? "" : "[phase]\n" + phase);
}

}  // namespace

// Learning files (docs/theory.md, "Phase diagrams of the learning models"): P, M and the setting come from
// [model]; the [phase] keys plane, rho, alpha, T, T_fixed, points, tolerance are read; defaults are the
// dense-storage windows with rho in [0, 0.5] and both planes.
TEST_CASE("phase spec: learning files give a LearningPhaseRequest with P, M, setting and the [phase] window") {
  const PhaseSpec none = parse_phase_spec(learning("unsupervised", ""), "l.toml");
  CHECK(none.learning);
  CHECK(none.learning_request.P == 4);
  CHECK(none.learning_request.M == 50);
  CHECK(none.learning_request.setting == hebbmc::analysis::LearningSetting::unsupervised);
  CHECK(none.learning_request.rho_T);
  CHECK(none.learning_request.alpha_rho);
  CHECK(none.learning_request.rho_min == 0.0);
  CHECK(none.learning_request.rho_max == 0.5);
  const PhaseSpec with = parse_phase_spec(
      learning("supervised", "plane = \"alpha_rho\"\nrho = [0.01, 0.3]\nalpha = [0, 0.04]\nT = [0, 0.09]\n"
                             "T_fixed = 0.02\npoints = 7\ntolerance = 1e-9\noutput = \"s.h5\"\n"),
      "l.toml");
  CHECK(with.learning);
  CHECK(with.learning_request.setting == hebbmc::analysis::LearningSetting::supervised);
  CHECK(!with.learning_request.rho_T);
  CHECK(with.learning_request.alpha_rho);
  CHECK(with.learning_request.rho_min == 0.01);
  CHECK(with.learning_request.rho_max == 0.3);
  CHECK(with.learning_request.alpha_max == 0.04);
  CHECK(with.learning_request.T_max == 0.09);
  CHECK(with.learning_request.T_fixed == 0.02);
  CHECK(with.learning_request.points == 7);
  CHECK(with.learning_request.tolerance == 1e-9);
  CHECK(with.output == "s.h5");
  CHECK(!parse_phase_spec(learning("supervised", "plane = \"rho_T\"\n"), "l.toml").learning_request.alpha_rho);
  CHECK(!parse_phase_spec(base, "ph.toml").learning);
}

// Bad learning [phase] input names file, line and key; storage-only keys are refused for learning and
// learning-only keys for storage, with a message saying why.
TEST_CASE("phase spec: bad learning [phase] keys are InputErrors naming file, line and key") {
  const InputError plane = error_of(learning("supervised", "points = 5\nplane = \"T_rho\"\n"));
  CHECK(plane.file == "ph.toml");
  CHECK(plane.line == 14);
  CHECK(plane.key == "plane");
  CHECK(error_of(learning("supervised", "rho = [0.5, 0.1]\n")).key == "rho");
  CHECK(error_of(learning("supervised", "rho = 0.5\n")).key == "rho");
  CHECK(error_of(learning("supervised", "T_fixed = -0.1\n")).key == "T_fixed");
  CHECK(error_of(learning("supervised", "T_fixed = \"low\"\n")).key == "T_fixed");
  const InputError rsb = error_of(learning("unsupervised", "rsb = true\n"));
  CHECK(rsb.key == "rsb");
  CHECK(rsb.line == 13);
  CHECK(std::string(rsb.what()).find("storage") != std::string::npos);
  const InputError rho_storage = error_of(base + "[phase]\nrho = [0, 0.5]\n");
  CHECK(rho_storage.key == "rho");
  CHECK(rho_storage.line == 10);
  CHECK(std::string(rho_storage.what()).find("supervised") != std::string::npos);
  const InputError swept_M = error_of("[model]\ntype = \"supervised\"\nN = 600\nP = 4\nK = 2\nr = 0.4\n[dynamics]\nT = 0.03\n"
                                      "sweeps = 100\n[sweep]\nM = [10, 50]\n");
  CHECK(swept_M.key == "M");
  CHECK(swept_M.line == 11);
}
