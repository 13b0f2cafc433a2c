// The extra series of a point and their descriptions (observables/recorded_series.hpp).
#include "observables/recorded_series.hpp"

namespace hebbmc::observables {

std::vector<SeriesInfo> extra_series(const SeriesLayout& s) {
  std::vector<SeriesInfo> out;
  if (s.learning)
    out = {{"nbar",
            "normalised teacher overlaps nbar_mu = s_mu / (r (1 + rho)) = r s_mu / R, s_mu = (1/N) sum_i yhat^mu_i sigma_i, "
            "of archetypes 1..L, replica-averaged per record, then averaged over disorder samples",
            "physics.md sec. 2; docs/learning.md L12", s.patterns},
           {"example_dominance",
            "example-retrieval dominance max_a n_{1,a} - m_1 of archetype 1 (> 0: the state is closer to one example "
            "than to the archetype), replica-averaged per record",
            "docs/learning.md L12 (ExampleRetrieval)", 1},
           {"loss",
            "squared-error loss L^-_mu = 1 - N m_mu / n_mu of archetypes 1..L on their support (L^+_mu = 2 - L^-_mu), "
            "replica-averaged per record",
            "physics.md sec. 2; docs/learning.md L12", s.patterns},
           {"n_example",
            "example overlaps n_{1,a} = (1/N) sum_i eta^{1,a}_i sigma_i of the M examples of archetype 1 (which example "
            "the state is near: the example-retrieval diagnostic), replica-averaged per record",
            "physics.md sec. 2; docs/learning.md L12", s.examples}};
  if (s.diluted) {  // multitasking: all invariant under the global spin flip
    out.push_back({"amplitudes",
                   "|m_mu| of the L recorded patterns sorted in decreasing order in each replica and record (the k-th "
                   "largest amplitude, whatever pattern carries it), then replica-averaged; T = 0 hierarchy (1-d) d^(k-1)",
                   "physics.md sec. 5(e); docs/multitasking.md", s.patterns});
    out.push_back({"retrieved",
                   "number of recorded patterns with |m_mu| > retrieval_threshold (point attribute), replica-averaged",
                   "docs/multitasking.md", 1});
    out.push_back({"support_loss",
                   "squared-error loss of pattern mu on its support, min(L^-, L^+) = 1 - N |m_mu| / n_mu (0: support "
                   "retrieved), patterns 1..L, replica-averaged; minimised together with the energy",
                   "docs/learning.md L12; docs/multitasking.md", s.patterns});
  }
  out.push_back({"abs_m",
                 "|m_mu| of patterns 1..L, replica-averaged per record, then averaged over disorder samples: <|m_mu|>, "
                 "the retrieval order parameter at finite N, where the signed mean of a symmetric state vanishes",
                 "physics.md sec. 2", s.patterns, true});
  out.push_back({"m2",
                 "m_mu^2 of patterns 1..L, replica-averaged per record, then averaged over disorder samples: <m_mu^2>",
                 "physics.md sec. 2", s.patterns, true});
  return out;
}

int extra_series_width(const SeriesLayout& layout) {
  int E = 0;
  for (const auto& s : extra_series(layout)) E += s.width;
  return E;
}

}  // namespace hebbmc::observables
