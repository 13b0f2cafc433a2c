// Parameter files (docs/parameters.md): defaults, sweep expansion order, derived quantities, and
// a corpus of bad files, each of which must fail with its file, line, key and reason.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "runs/input/parameters.hpp"
#include "runs/input/sweep.hpp"

using namespace hebbmc::runs;
namespace fs = std::filesystem;

namespace {

// The corpus sits next to this file, so the test needs no compile definition.
fs::path params_dir() { return fs::path(__FILE__).parent_path().parent_path() / "params"; }

std::vector<fs::path> toml_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Value of a "# name: value" header line of a bad file.
std::string header(const fs::path& file, const std::string& name) {
  std::ifstream in(file);
  const std::string prefix = "# " + name + ": ";
  for (std::string line; std::getline(in, line) && line.rfind("#", 0) == 0;)
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  return {};
}

// Minimal valid file with extra lines appended to [dynamics] and an optional [sweep] body.
std::string with(const std::string& model, const std::string& dynamics = "T = 0.5\nsweeps = 10\n",
                 const std::string& rest = "") {
  return "[model]\n" + model + "\n[dynamics]\n" + dynamics + "\n" + rest;
}

std::vector<double> values_of(const RunSpec& spec, const char* key) {
  std::vector<double> values;
  for (const auto& p : spec.points) values.push_back(*numeric_value(p, key));
  return values;
}

}  // namespace

TEST_CASE("every good file of the corpus parses into at least one point") {
  const auto files = toml_files(params_dir() / "good");
  REQUIRE(files.size() >= 5);
  for (const auto& file : files) {
    CAPTURE(file);
    CHECK_NOTHROW(CHECK(!load_run_spec(file).points.empty()));
  }
}

TEST_CASE("every bad file fails with its file name, line, key and reason") {
  const auto files = toml_files(params_dir() / "bad");
  REQUIRE(files.size() >= 30);
  for (const auto& file : files) {
    CAPTURE(file);
    const std::string expect = header(file, "expect"), key = header(file, "key"), line = header(file, "line");
    REQUIRE_MESSAGE(!expect.empty(), "missing '# expect:' header");
    REQUIRE_MESSAGE(!line.empty(), "missing '# line:' header");
    try {
      load_run_spec(file);
      FAIL("no InputError thrown");
    } catch (const InputError& error) {
      const std::string what = error.what();
      CAPTURE(what);
      CHECK(what.find(file.filename().string()) != std::string::npos);
      CHECK(error.line == std::stoi(line));
      CHECK(what.find(":" + line + ":") != std::string::npos);
      if (key == "-")
        CHECK(error.key.empty());
      else
        CHECK(what.find("key '" + key + "'") != std::string::npos);
      CHECK(what.find(expect) != std::string::npos);
    }
  }
}

TEST_CASE("a minimal file takes the documented defaults") {
  const RunSpec spec = parse_run_spec(with("N = 200\nP = 2\nK = 5\n"), "runs/minimal.toml");
  REQUIRE(spec.points.size() == 1);
  const PointParameters& p = spec.points[0];
  CHECK(p.type == ModelType::storage);
  CHECK(p.d == 0);
  CHECK_FALSE(p.self_interaction);
  CHECK(std::isnan(p.alpha));
  CHECK_FALSE(p.K_from_alpha);
  CHECK(p.M == 0);
  CHECK(std::isnan(p.r));
  CHECK(p.rule == Rule::glauber);
  CHECK(p.order == Order::random);
  CHECK(p.init == Init::pattern);
  CHECK(p.beta == doctest::Approx(2.0));
  CHECK(p.thermalization == 100);
  CHECK(p.measure_every == 1);
  CHECK(std::isnan(p.anneal_from_T));
  CHECK(p.seed == 1);
  CHECK(p.samples == 1);
  CHECK(p.replicas == 2);
  CHECK(p.record_patterns == 3);  // min(K, 3)
  CHECK_FALSE(p.trajectories);
  CHECK(spec.output == "minimal.h5");  // stem of the file, in the current directory
  CHECK(spec.curve_points == 101);
  CHECK(spec.swept_keys.empty());
}

TEST_CASE("record_patterns defaults to min(K, 3) and is clamped to K") {
  CHECK(parse_run_spec(with("N = 20\nP = 2\nK = 2\n"), "f").points[0].record_patterns == 2);
  CHECK(parse_run_spec(with("N = 20\nP = 2\nK = 4\n", "T = 1\nsweeps = 1\n", "[run]\nrecord_patterns = 9\n"),
                       "f")
            .points[0]
            .record_patterns == 4);
}

TEST_CASE("alpha gives K = round(alpha N^(P-1))") {
  const RunSpec spec = parse_run_spec(with("N = 50\nP = 4\nalpha = 0.0001\n"), "f");
  CHECK(spec.points[0].K == 13);  // 1e-4 * 50^3 = 12.5, rounded half away from zero
  CHECK(spec.points[0].K_from_alpha);
  CHECK(spec.points[0].alpha == 0.0001);
}

TEST_CASE("T = 0 means beta = inf, and beta = inf means T = 0") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(parse_run_spec(with("N = 20\nP = 2\nK = 1\n", "T = 0\nsweeps = 1\n"), "f").points[0].beta == inf);
  const auto p = parse_run_spec(with("N = 20\nP = 2\nK = 1\n", "beta = inf\nsweeps = 1\n"), "f").points[0];
  CHECK(p.T == 0);
  const auto z =
      parse_run_spec(with("N = 20\nP = 2\nK = 1\n", "rule = \"zero_temperature\"\nsweeps = 1\n"), "f")
          .points[0];
  CHECK(z.T == 0);
  CHECK(z.beta == inf);
}

TEST_CASE("the first swept key in file order varies slowest, whatever its name") {
  // toml++ sorts keys (N < T < alpha in ASCII); the file order alpha, T, N must win.
  const RunSpec spec = parse_run_spec(
      with("P = 2\n", "sweeps = 10\n", "[sweep]\nalpha = [0.05, 0.1]\nT = [0.2, 0.4, 0.6]\nN = [100, 200]\n"),
      "f");
  REQUIRE(spec.points.size() == 12);
  CHECK(spec.swept_keys == std::vector<std::string>{"alpha", "T", "N"});
  CHECK(values_of(spec, "alpha") ==
        std::vector<double>{0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1});
  CHECK(values_of(spec, "N") ==
        std::vector<double>{100, 200, 100, 200, 100, 200, 100, 200, 100, 200, 100, 200});
  CHECK(values_of(spec, "T")[2] == 0.4);
  for (std::size_t i = 0; i < spec.points.size(); ++i) CHECK(spec.points[i].index == int(i));
  CHECK(spec.points[1].K == 10);  // K follows the swept N: 0.05 * 200
}

TEST_CASE("a range is inclusive; linear by default, geometric with scale = \"log\"") {
  const auto spec = parse_run_spec(
      with("N = 20\nP = 2\nK = 1\n", "sweeps = 10\n", "[sweep]\nT = { from = 0.1, to = 1.5, steps = 15 }\n"),
      "f");
  const auto T = values_of(spec, "T");
  REQUIRE(T.size() == 15);
  CHECK(T.front() == 0.1);
  CHECK(T.back() == 1.5);  // exact end point, no rounding drift
  CHECK(T[7] == doctest::Approx(0.8));
  const auto log = load_run_spec(params_dir() / "good" / "beta_log_range.toml");
  const auto beta = swept_axis_values(log, "beta");
  REQUIRE(beta.size() == 5);
  for (int i = 0; i < 5; ++i) CHECK(beta[i] == doctest::Approx(0.5 * std::pow(2.0, i)).epsilon(1e-12));
  CHECK(swept_axis_values(log, "N") ==
        std::vector<double>{100, 316, 1000, 3162, 10000});  // integer key: rounded
}

TEST_CASE("zipped keys advance together; the zip is one axis of the product") {
  const RunSpec spec = load_run_spec(params_dir() / "good" / "zip_temperature_and_load.toml");
  REQUIRE(spec.points.size() == 8);
  CHECK(spec.zipped_keys == std::vector<std::string>{"T", "alpha"});
  CHECK(spec.swept_keys == std::vector<std::string>{"N", "T", "alpha"});
  for (const auto& p : spec.points) CHECK(p.alpha == doctest::Approx(0.2 * p.T - 0.02));
  CHECK(values_of(spec, "N") == std::vector<double>{400, 400, 400, 400, 800, 800, 800, 800});
}

TEST_CASE("a swept type keeps M and r for the learning points only") {
  const RunSpec spec = load_run_spec(params_dir() / "good" / "type_swept.toml");
  REQUIRE(spec.points.size() == 6);
  CHECK(spec.points[0].type == ModelType::storage);
  CHECK(spec.points[0].M == 0);
  CHECK(spec.points[2].type == ModelType::supervised);
  CHECK(spec.points[2].M == 20);
  CHECK(spec.points[2].r == 0.6);
}

TEST_CASE("every key of the example file is read") {
  const RunSpec spec = load_run_spec(params_dir() / "good" / "every_key.toml");
  const PointParameters& p = spec.points.at(0);
  CHECK(p.K == 10000);
  CHECK(p.d == 0.1);
  CHECK(p.self_interaction);
  CHECK(p.rule == Rule::metropolis);
  CHECK(p.order == Order::sequential);
  CHECK(p.init == Init::random);
  CHECK(p.thermalization == 200);
  CHECK(p.measure_every == 5);
  CHECK(p.anneal_from_T == 2.0);
  CHECK(p.seed == 42);
  CHECK(p.samples == 8);
  CHECK(p.replicas == 3);
  CHECK(p.record_patterns == 5);
  CHECK(p.trajectories);
  CHECK(spec.output == "every_key_results.h5");
  CHECK(spec.curve_points == 51);
}

TEST_CASE("describe lists every parameter with enums as strings and NaN fields omitted") {
  const auto p = parse_run_spec(with("N = 20\nP = 2\nK = 1\n"), "f").points[0];
  const auto pairs = describe(p);
  const auto find = [&](const std::string& name) {
    return std::find_if(pairs.begin(), pairs.end(), [&](const auto& kv) { return kv.first == name; });
  };
  REQUIRE(find("rule") != pairs.end());
  CHECK(std::get<std::string>(find("rule")->second) == "glauber");
  CHECK(std::get<std::int64_t>(find("N")->second) == 20);
  CHECK(find("alpha") == pairs.end());          // NaN: K was given
  CHECK(find("anneal_from_T") == pairs.end());  // NaN: no annealing
  CHECK(find("r") == pairs.end());              // storage model
  CHECK(find("seed") != pairs.end());
}

TEST_CASE("refine_first_axis spreads n values over the first swept float key") {
  const RunSpec spec = load_run_spec(params_dir() / "good" / "hopfield_phase_diagram.toml");
  const RunSpec fine = refine_first_axis(spec, 5);
  CHECK(fine.points.size() == 5 * 8 * 2);
  const auto alpha = swept_axis_values(fine, "alpha");
  REQUIRE(alpha.size() == 5);
  for (int i = 0; i < 5; ++i) CHECK(alpha[i] == doctest::Approx(0.05 + 0.0225 * i).epsilon(1e-12));
  CHECK(swept_axis_values(fine, "T") == swept_axis_values(spec, "T"));
  CHECK(fine.output == spec.output);
  // Geometric refinement of a log range, and refusals that name the key.
  const RunSpec log = refine_first_axis(load_run_spec(params_dir() / "good" / "beta_log_range.toml"), 3);
  CHECK(swept_axis_values(log, "beta")[1] == doctest::Approx(2.0));
  CHECK_THROWS_AS(
      refine_first_axis(load_run_spec(params_dir() / "good" / "zip_temperature_and_load.toml"), 5),
      InputError);
  CHECK_THROWS_AS(refine_first_axis(load_run_spec(params_dir() / "good" / "minimal.toml"), 5), InputError);
}

TEST_CASE("an unreadable file is an InputError naming it, without a line") {
  try {
    load_run_spec("/nonexistent/run.toml");
    FAIL("no InputError thrown");
  } catch (const InputError& error) {
    CHECK(error.line == 0);
    CHECK(std::string(error.what()) == "/nonexistent/run.toml: cannot read the parameter file");
  }
}

TEST_CASE("InputError formats FILE:LINE: key 'KEY': message") {
  CHECK(std::string(InputError("a.toml", 3, "P", "bad").what()) == "a.toml:3: key 'P': bad");
  CHECK(std::string(InputError("a.toml", 0, "", "bad").what()) == "a.toml: bad");
}

TEST_CASE("docs/parameters.md documents every key") {
  std::ifstream in(params_dir().parent_path().parent_path() / "docs" / "parameters.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  for (const KeyInfo& key : parameter_keys()) {
    CAPTURE(key.name);
    const std::string quoted = std::string("`").append(key.name).append("`");
    CHECK(text.str().find(quoted) != std::string::npos);
  }
}

// Checks that points resolved one at a time (assignment_at, used by parse_run_spec) are exactly
// the points of the expanded product, in the same order, zip included.
TEST_CASE("assignment_at(i) is expand()[i]") {
  const toml::table root = toml::parse(
      "[sweep]\nN = [100, 200]\nT = [0.1, 0.2, 0.3]\nalpha = [0.01, 0.02, 0.03]\nzip = [\"T\", \"alpha\"]\n"
      "seed = { from = 1, to = 4, steps = 4 }\n");
  const Sweep sweep = parse_sweep(*root["sweep"].as_table(), "f");
  const std::vector<Assignment> all = expand(sweep);
  REQUIRE(point_count(sweep) == all.size());
  REQUIRE(all.size() == 2 * 3 * 4);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Assignment one = assignment_at(sweep, i);
    REQUIRE(one.size() == all[i].size());
    for (std::size_t k = 0; k < one.size(); ++k) {
      CHECK(one[k].first == all[i][k].first);
      CHECK(one[k].second.value == all[i][k].second.value);
    }
  }
}

// Checks that an integer range is computed in integer arithmetic: above 2^53 a double cannot
// hold 9007199254740993, and the old floating-point range silently gave ...992 and ...996.
TEST_CASE("integer ranges are exact beyond 2^53") {
  const RunSpec spec = parse_run_spec(
      with("N = 20\nP = 2\nK = 1\n", "T = 1\nsweeps = 1\n",
           "[sweep]\nseed = { from = 9007199254740993, to = 9007199254740995, steps = 3 }\n"),
      "f");
  REQUIRE(spec.points.size() == 3);
  CHECK(spec.points[0].seed == 9007199254740993u);
  CHECK(spec.points[1].seed == 9007199254740994u);
  CHECK(spec.points[2].seed == 9007199254740995u);
}

// Checks the refusal of theory curves that would exceed the point limit: 1000 values of N times
// 1001 refined values of T is more than 10^6 points (it used to be built, and exhaust memory).
TEST_CASE("refine_first_axis refuses more than max_sweep_points") {
  const RunSpec spec = parse_run_spec(
      with("P = 2\nK = 1\n", "sweeps = 1\n",
           "[sweep]\nT = [0.1, 0.2]\nN = { from = 1000, to = 1999, steps = 1000 }\n"),
      "f");
  REQUIRE(spec.points.size() == 2000);
  CHECK(refine_first_axis(spec, 5).points.size() == 5000);  // (1000 would be exactly 10^6: slow)
  try {
    refine_first_axis(spec, 1001);
    FAIL("no InputError thrown");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).find("lower curve_points") != std::string::npos);
  }
}

// Checks that echoed user text is one printable line: control bytes, DEL, the C1 controls and
// malformed UTF-8 as \xNN, valid UTF-8 kept, long text cut with its length.
TEST_CASE("printable escapes control characters and cuts long text") {
  CHECK(printable("glauber") == "glauber");
  CHECK(printable("a\x1b[2Jb\x7f") == "a\\x1b[2Jb\\x7f");
  CHECK(printable("glaub\xc3\xa9r") == "glaub\xc3\xa9r");  // é is kept
  CHECK(printable("\xc2\x9b" "31m") == "\\xc2\\x9b31m");   // CSI, a C1 control
  CHECK(printable("\xff\xfe") == "\\xff\\xfe");            // not UTF-8
  CHECK(printable(std::string(1000, 'x'), 10) == "xxxxxxxxxx...(1000 bytes)");
  CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
}

// Checks the whole-point memory estimate against its documented formula (docs/parameters.md):
// patterns K N, replicas R (5 N + K (36 + 16 P)), statistics S ((L + 3 + 2 L) 4096 + 5 N R) with the
// 2 L series |m_mu| and m_mu^2, trajectories twice (the record and the kept final chain state).
TEST_CASE("point_memory_bytes follows the documented formula") {
  PointParameters p;
  p.N = 1000, p.P = 4, p.K = 50, p.replicas = 3, p.samples = 2, p.record_patterns = 3;
  p.sweeps = 100, p.measure_every = 2, p.trajectories = false;
  const double base = 50.0 * 1000 + 3 * (5.0 * 1000 + 50 * (36.0 + 16 * 4)) + 2 * ((3 + 3.0 + 6) * 4096 + 5.0 * 1000 * 3);
  CHECK(point_memory_bytes(p) == doctest::Approx(base));
  p.trajectories = true;
  CHECK(point_memory_bytes(p) == doctest::Approx(base + 2 * 2 * 50.0 * (3 * (4 + 6) + 1) * 8));
}

// Checks that a directory is named as such instead of being read as an empty file.
TEST_CASE("a directory is not a parameter file") {
  try {
    load_run_spec(params_dir());
    FAIL("no InputError thrown");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).find("is a directory, expected a parameter file") != std::string::npos);
  }
}

TEST_CASE("point_memory_bytes of the learning models includes examples, teacher and extra series") {
  // docs/parameters.md "Memory": + K N (M + 4) for the data set; per-archetype bookkeeping b of
  // each model; X = 2 L + 1 + M extra series (nbar_1..nbar_L, dominance, L^-_1..L^-_L, n_{1,1..M})
  // and the 2 L of every point (|m_mu|, m_mu^2) in statistics and trajectories.
  PointParameters p;
  p.N = 1000, p.P = 4, p.K = 50, p.M = 20, p.r = 0.5, p.replicas = 3, p.samples = 2, p.record_patterns = 3;
  p.sweeps = 100, p.measure_every = 2, p.trajectories = false;
  const double data = 50.0 * 1000 * (20 + 4), stats = 2 * ((3 + 3.0 + (2 * 3 + 1 + 20) + 6) * 4096 + 5.0 * 1000 * 3);
  const auto with_b = [&](double b) { return 50.0 * 1000 + data + 3 * (5.0 * 1000 + 50 * b) + stats; };
  p.type = ModelType::supervised;
  CHECK(point_memory_bytes(p) == doctest::Approx(with_b(16.0 * 4)));
  p.type = ModelType::unsupervised;
  p.evaluation = Evaluation::exact;
  CHECK(point_memory_bytes(p) == doctest::Approx(with_b(20 * (36.0 + 16 * 4))));
  p.evaluation = Evaluation::plefka;  // + fast-path copies 8 + 8 (P/2 + 1) per archetype, 16 N tail per replica
  const double plefka_b = 8.0 + 16 * 3 + 8.0 + 8 * 3, tail = 3 * 16.0 * 1000;
  CHECK(point_memory_bytes(p) == doctest::Approx(with_b(plefka_b) + tail));
  p.trajectories = true;
  CHECK(point_memory_bytes(p) == doctest::Approx(with_b(plefka_b) + tail + 2 * 2 * 50.0 * (3 * (4 + 27 + 6) + 1) * 8));
}

TEST_CASE("evaluation: default exact, plefka for unsupervised; refused for other types unless type is swept") {
  const std::string model = "type = \"unsupervised\"\nN = 100\nP = 4\nK = 2\nM = 10\nr = 0.5\n";
  CHECK(parse_run_spec(with(model), "u.toml").points[0].evaluation == Evaluation::exact);
  const RunSpec plefka = parse_run_spec(with(model + "evaluation = \"plefka\"\n"), "u.toml");
  CHECK(plefka.points[0].evaluation == Evaluation::plefka);
  // The evaluation is a parameter of the point: in its description (HDF5 attributes, fingerprint).
  bool described = false;
  for (const auto& [name, value] : describe(plefka.points[0]))
    described = described || (name == "evaluation" && std::get<std::string>(value) == "plefka");
  CHECK(described);
  CHECK_THROWS_AS(parse_run_spec(with("type = \"supervised\"\nN = 100\nP = 4\nK = 2\nM = 10\nr = 0.5\nevaluation = \"exact\"\n"),
                                 "s.toml"),
                  InputError);
  // Swept type: evaluation serves the unsupervised point, the others ignore it (and do not describe it).
  const RunSpec swept = parse_run_spec(
      with("N = 100\nP = 4\nK = 2\nM = 10\nr = 0.5\nevaluation = \"plefka\"\n", "T = 0.5\nsweeps = 10\n",
           "[sweep]\ntype = [\"storage\", \"supervised\", \"unsupervised\"]\n"),
      "t.toml");
  REQUIRE(swept.points.size() == 3);
  CHECK(swept.points[0].evaluation == Evaluation::exact);
  CHECK(swept.points[1].evaluation == Evaluation::exact);
  CHECK(swept.points[2].evaluation == Evaluation::plefka);
  for (int i = 0; i < 2; ++i)
    for (const auto& [name, value] : describe(swept.points[i])) CHECK(name != "evaluation");
}

TEST_CASE("init_overlap is swept like any float key and recorded only with init = noisy_pattern") {
  const RunSpec spec = parse_run_spec(with("N = 100\nP = 2\nK = 3\n", "T = 0.5\nsweeps = 10\ninit = \"noisy_pattern\"\n",
                                           "[sweep]\ninit_overlap = { from = -1, to = 1, steps = 5 }\n"),
                                      "basin.toml");
  CHECK(values_of(spec, "init_overlap") == std::vector<double>{-1.0, -0.5, 0.0, 0.5, 1.0});
  const RunSpec plain = parse_run_spec(with("N = 100\nP = 2\nK = 3\n"), "plain.toml");
  CHECK_FALSE(numeric_value(plain.points[0], "init_overlap").has_value());
}
