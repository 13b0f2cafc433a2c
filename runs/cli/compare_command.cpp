// `hebbmc compare FILE.h5`: Monte Carlo versus theory, per point and observable (docs/theory.md,
// "hebbmc compare"): deviation = MC mean - theory, z = deviation / MC error. Prints the table;
// with -o writes it as CSV.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "runs/cli/commands.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output.hpp"

namespace hebbmc::runs {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// One row of the comparison.
struct Row {
  std::string point, observable, theory_status;
  double N = nan, P = nan, alpha = nan, T = nan, mc = nan, error = nan, theory = nan;
  double deviation() const { return mc - theory; }
  double z() const { return error > 0 ? deviation() / error : nan; }
};

double attr_or_nan(const h5::Group& g, const char* name) { return g.has_attr(name) ? g.attr_double(name) : nan; }

// First entry of a dataset, NaN if absent or empty.
double first(const h5::Group& g, const std::string& name) {
  if (!g.has(name)) return nan;
  const std::vector<double> v = g.read_doubles(name);
  return v.empty() ? nan : v.front();
}

std::vector<Row> collect(const h5::File& file, const std::string& path) {
  const h5::Group root = file.root();
  if (!root.has("points")) throw InputError(path, 0, "", "no /points group: not a hebbmc run output (docs/output.md)");
  std::vector<Row> rows;
  int with_mc = 0, with_theory = 0;
  const h5::Group points = root.open_group("points");
  for (const std::string& name : points.children()) {
    const h5::Group p = points.open_group(name);
    const bool complete = p.has_attr("status") && p.attr_string("status") == "complete" && p.has("summary");
    const bool theory = p.has("theory");
    with_mc += complete;
    with_theory += theory;
    for (const char* obs : {"m", "q", "energy"}) {
      Row r;
      r.point = name;
      r.observable = obs;
      r.N = attr_or_nan(p, "N");
      r.P = attr_or_nan(p, "P");
      r.T = attr_or_nan(p, "T");
      r.alpha = p.has_attr("alpha") ? p.attr_double("alpha") : attr_or_nan(p, "K") / std::pow(r.N, r.P - 1);
      if (complete && p.open_group("summary").has(obs)) {
        const h5::Group s = p.open_group("summary").open_group(obs);
        r.mc = first(s, "mean");
        r.error = first(s, "error");
      }
      if (theory) {
        const h5::Group t = p.open_group("theory");
        r.theory = first(t, obs);
        r.theory_status = t.has_attr("status") ? t.attr_string("status") : "no status";
      } else {
        r.theory_status = "no theory (run `hebbmc theory`)";
      }
      if (!complete) r.theory_status += "; MC point not complete";
      rows.push_back(r);
    }
  }
  if (with_mc == 0) throw InputError(path, 0, "", "no complete Monte Carlo point: run `hebbmc run` first");
  if (with_theory == 0)
    throw InputError(path, 0, "", "no /points/*/theory group: run `hebbmc theory PARAMETERS.toml -o " + path + "` first");
  return rows;
}

std::string csv_field(std::string s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

int compare_command(const std::string& path, const CommandOptions& options) {
  const h5::File file = open_hebbmc_file(path, false);
  const std::vector<Row> rows = collect(file, path);
  std::printf("%s: Monte Carlo minus theory; z = (MC - theory) / MC error\n\n", path.c_str());
  std::printf("%6s %2s %9s %7s %-7s %12s %10s %12s %12s %8s  %s\n", "point", "P", "alpha", "T", "obs", "MC", "error",
              "theory", "MC-theory", "z", "theory status");
  int compared = 0, beyond3 = 0;
  double worst = 0;
  for (const Row& r : rows) {
    std::printf("%6s %2.0f %9.4g %7.4g %-7s %12.6g %10.2g %12.6g %12.4g %8.3g  %s\n", r.point.c_str(), r.P, r.alpha, r.T,
                r.observable.c_str(), r.mc, r.error, r.theory, r.deviation(), r.z(), r.theory_status.c_str());
    if (std::isfinite(r.z())) {
      ++compared;
      beyond3 += std::abs(r.z()) > 3;
      worst = std::max(worst, std::abs(r.z()));
    }
  }
  std::printf("\n%d comparisons, %d with |z| > 3, largest |z| = %.3g\n", compared, beyond3, worst);
  std::printf("note: z measures the statistical error only; finite-N corrections (physics.md 6) are not in it\n");
  if (!options.output.empty()) {
    std::ofstream out(options.output);
    if (!out) throw InputError(options.output, 0, "", "cannot write the CSV table");
    out << "point,N,P,alpha,T,observable,mc_mean,mc_error,theory,deviation,z,theory_status\n";
    out.precision(10);
    for (const Row& r : rows)
      out << r.point << ',' << r.N << ',' << r.P << ',' << r.alpha << ',' << r.T << ',' << r.observable << ',' << r.mc
          << ',' << r.error << ',' << r.theory << ',' << r.deviation() << ',' << r.z() << ','
          << csv_field(r.theory_status) << '\n';
    if (!out) throw InputError(options.output, 0, "", "error while writing the CSV table");
    if (!options.quiet) std::fprintf(stderr, "hebbmc compare: table written to %s\n", options.output.c_str());
  }
  return 0;
}

}  // namespace hebbmc::runs
