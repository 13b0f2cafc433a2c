#include "runs/point_summary.hpp"

#include <algorithm>

#include "observables/disorder_average.hpp"

namespace hebbmc::runs {

namespace {

using observables::BinningAnalysis;

// Collects component c of an observable from every sample and averages over disorder.
template <class Get>
ObservableSummary summarise(const std::string& name, const std::string& description, int width,
                            const std::vector<SampleResult>& samples, Get get) {
  ObservableSummary s{name, description, width, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  for (int c = 0; c < width; ++c) {
    std::vector<observables::SampleEstimate> est;
    double tau = 0;
    for (const auto& r : samples) {
      const BinningAnalysis& a = get(r, c);
      est.push_back({a.mean, a.error});
      tau = std::max(tau, a.tau_int);
    }
    const auto avg = observables::disorder_average(est);
    s.mean.push_back(avg.mean);
    s.error.push_back(avg.error);
    s.error_thermal.push_back(avg.error_thermal);
    s.error_samples.push_back(avg.error_samples);
    s.sample_spread.push_back(avg.sample_spread);
    s.tau_int.push_back(tau);
  }
  for (const auto& r : samples)
    for (int c = 0; c < width; ++c) {
      const BinningAnalysis& a = get(r, c);
      s.per_sample_mean.push_back(a.mean);
      s.per_sample_error.push_back(a.error);
      s.per_sample_tau.push_back(a.tau_int);
      s.plateau_found.push_back(a.plateau_found ? 1.0 : 0.0);
    }
  return s;
}

}  // namespace

PointResult summarise_point(const PointParameters& p, std::vector<SampleResult> samples) {
  PointResult out;
  out.params = p;
  out.observables.push_back(summarise(
      "m", "Mattis magnetisations m_mu = (1/N) sum_i xi^mu_i sigma_i of patterns 1..L (physics.md sec. 2), "
           "replica-averaged per record, then averaged over disorder samples",
      p.record_patterns, samples, [](const SampleResult& r, int c) -> const BinningAnalysis& { return r.record.m[c]; }));
  out.observables.push_back(summarise(
      "energy", "energy per neuron H/N (physics.md sec. 3), replica-averaged per record", 1, samples,
      [](const SampleResult& r, int) -> const BinningAnalysis& { return r.record.energy; }));
  if (p.replicas >= 2)
    out.observables.push_back(summarise(
        "q", "replica overlap q = (1/N) sum_i sigma^a_i sigma^b_i averaged over replica pairs a < b (physics.md sec. 2)",
        1, samples, [](const SampleResult& r, int) -> const BinningAnalysis& { return r.record.q; }));
  double acc = 0;
  for (const auto& r : samples) {
    acc += r.acceptance;
    out.exact_arithmetic = out.exact_arithmetic && r.exact_arithmetic;
  }
  out.acceptance = acc / static_cast<double>(samples.size());
  out.samples = std::move(samples);
  return out;
}

}  // namespace hebbmc::runs
