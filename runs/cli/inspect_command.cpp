#include <cmath>
#include <cstdio>
#include <optional>

#include "runs/cli/commands.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output.hpp"

namespace hebbmc::runs {

namespace {

// "0.9981 ± 0.0004" or "-" for NaN.
std::string with_error(double mean, double error) {
  if (std::isnan(mean)) return "-";
  char buf[48];
  if (std::isnan(error)) std::snprintf(buf, sizeof buf, "%.5g", mean);
  else std::snprintf(buf, sizeof buf, "%.5f ± %.1e", mean, error);
  return buf;
}

}  // namespace

int inspect_command(const std::string& path) {
  const h5::File file = open_hebbmc_file(path, false);
  const h5::Group root = file.root();
  std::printf("%s: hebbmc %s (commit %s), created %s from %s\n", path.c_str(), root.attr_string("version").c_str(),
              root.attr_string("git_commit").c_str(), root.attr_string("created").c_str(),
              root.attr_string("parameter_file_name").c_str());
  if (root.has_attr("part_points"))  // docs/output.md, "Parts and merge"
    std::printf("a part of the sweep: points %s (join the parts with hebbmc merge)\n", root.attr_string("part_points").c_str());
  if (root.has_attr("merged_parts")) std::printf("merged from:\n%s\n", root.attr_string("merged_parts").c_str());
  if (!root.has("summary")) throw InputError(path, 0, "", "damaged hebbmc file: no /summary table");
  const h5::Group s = root.open_group("summary");
  std::printf("swept: %s\n\n", s.attr_string("swept").c_str());
  const auto col = [&](const char* n) { return s.read_doubles(n); };
  const auto point = col("point"), N = col("N"), P = col("P"), K = col("K"), alpha = col("alpha"), T = col("T");
  const auto mm = col("m_mean"), me = col("m_error"), qm = col("q_mean"), qe = col("q_error");
  const auto em = col("energy_mean"), ee = col("energy_error"), tm = col("theory_m"), tq = col("theory_q");
  const auto done = col("complete");
  std::printf("%6s %7s %2s %9s %9s %7s  %-22s %-22s %-24s %9s %9s %s\n", "point", "N", "P", "K", "alpha", "T", "m",
              "q", "energy", "RS m", "RS q", "status");
  for (std::size_t i = 0; i < point.size(); ++i)
    std::printf("%6.0f %7.0f %2.0f %9.0f %9.4g %7.4g  %-22s %-22s %-24s %9.5g %9.5g %s\n", point[i], N[i], P[i], K[i],
                alpha[i], T[i], with_error(mm[i], me[i]).c_str(), with_error(qm[i], qe[i]).c_str(),
                with_error(em[i], ee[i]).c_str(), tm[i], tq[i], done[i] > 0 ? "complete" : "pending");
  return 0;
}

}  // namespace hebbmc::runs
