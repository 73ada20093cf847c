// The controlled vocabulary: normalisation, synonyms, unknown values kept, participants.
#include <gtest/gtest.h>

#include <algorithm>

#include "vocab.hpp"

using namespace geo;

TEST(Vocab, CanonicalListsMatchTheDataFormat) {
  EXPECT_EQ(canonical_kinds().size(), 6u);
  EXPECT_EQ(canonical_domains().size(), 7u);
  EXPECT_EQ(canonical_force_types().size(), 27u);
  for (auto k : canonical_kinds()) EXPECT_TRUE(is_known_kind(k)) << k;
  for (auto d : canonical_domains()) EXPECT_TRUE(is_known_domain(d)) << d;
  for (auto f : canonical_force_types()) {
    EXPECT_TRUE(is_known_force_type(f)) << f;
    EXPECT_EQ(canonical_force_type(f), f) << "canonical names map to themselves";
    EXPECT_EQ(normalize_term(f), f) << "canonical names are normalised";
  }
  EXPECT_FALSE(is_known_kind("bomber"));
  EXPECT_FALSE(is_known_domain("navy"));
}

TEST(Vocab, Normalisation) {
  EXPECT_EQ(normalize_term("Strategic Bomber"), "strategic_bomber");
  EXPECT_EQ(normalize_term("  coast-guard  "), "coast_guard");
  EXPECT_EQ(normalize_term("Air  -  Defense"), "air_defense");
  EXPECT_EQ(normalize_term("AEW&C"), "aew&c");
  EXPECT_EQ(normalize_term(""), "");
}

TEST(Vocab, ForceTypeSynonyms) {
  EXPECT_EQ(canonical_force_type("bomber"), "strategic_bomber");
  EXPECT_EQ(canonical_force_type("Strategic Bombers"), "strategic_bomber");
  EXPECT_EQ(canonical_force_type("Bombers"), "strategic_bomber");
  EXPECT_EQ(canonical_force_type("fighters"), "fighter");
  EXPECT_EQ(canonical_force_type("AWACS"), "aew");
  EXPECT_EQ(canonical_force_type("AEW&C"), "aew");
  EXPECT_EQ(canonical_force_type("early warning"), "aew");
  EXPECT_EQ(canonical_force_type("tankers"), "tanker");
  EXPECT_EQ(canonical_force_type("refueling"), "tanker");
  EXPECT_EQ(canonical_force_type("Reconnaissance"), "recon");
  EXPECT_EQ(canonical_force_type("EW"), "electronic_warfare");
  EXPECT_EQ(canonical_force_type("MPA"), "maritime_patrol_aircraft");
  EXPECT_EQ(canonical_force_type("patrol aircraft"), "maritime_patrol_aircraft");
  EXPECT_EQ(canonical_force_type("sub"), "submarine");
  EXPECT_EQ(canonical_force_type("subs"), "submarine");
  EXPECT_EQ(canonical_force_type("Submarines"), "submarine");
  EXPECT_EQ(canonical_force_type("oiler"), "supply_ship");
  EXPECT_EQ(canonical_force_type("tanker ship"), "supply_ship");
  EXPECT_EQ(canonical_force_type("replenishment"), "supply_ship");
  EXPECT_EQ(canonical_force_type("AGI"), "intelligence_ship");
  EXPECT_EQ(canonical_force_type("spy ship"), "intelligence_ship");
  EXPECT_EQ(canonical_force_type("tanks"), "armor");
  EXPECT_EQ(canonical_force_type("tank"), "armor");
  EXPECT_EQ(canonical_force_type("armour"), "armor");
}

TEST(Vocab, DomainSynonyms) {
  EXPECT_EQ(canonical_domain("Navy"), "naval");
  EXPECT_EQ(canonical_domain("sea"), "naval");
  EXPECT_EQ(canonical_domain("maritime"), "naval");
  EXPECT_EQ(canonical_domain("Air Force"), "air");
  EXPECT_EQ(canonical_domain("aerial"), "air");
  EXPECT_EQ(canonical_domain("army"), "land");
  EXPECT_EQ(canonical_domain("ground"), "land");
  EXPECT_EQ(canonical_domain("coastguard"), "coast_guard");
  EXPECT_EQ(canonical_domain("Coast-Guard"), "coast_guard");
  EXPECT_EQ(canonical_domain("underwater"), "subsurface");
  EXPECT_EQ(canonical_domain("cyber"), "cyber");
}

TEST(Vocab, KindSynonyms) {
  EXPECT_EQ(canonical_kind("Exercises"), "exercise");
  EXPECT_EQ(canonical_kind("drill"), "exercise");
  EXPECT_EQ(canonical_kind("bomber patrol"), "air_patrol");
  EXPECT_EQ(canonical_kind("Joint Air Patrol"), "air_patrol");
  EXPECT_EQ(canonical_kind("maritime patrol"), "naval_patrol");
  EXPECT_EQ(canonical_kind("joint-naval-patrol"), "naval_patrol");
  EXPECT_EQ(canonical_kind("Coast Guard Patrol"), "coast_guard_patrol");
}

TEST(Vocab, UnknownValuesAreKeptNormalised) {
  EXPECT_EQ(canonical_force_type("H-6K"), "h_6k");  // named types are not guessed
  EXPECT_EQ(canonical_force_type("Landing Craft Air Cushion"), "landing_craft_air_cushion");
  EXPECT_EQ(canonical_kind("Search and Rescue"), "search_and_rescue");
  EXPECT_EQ(canonical_domain("Electromagnetic"), "electromagnetic");
  EXPECT_FALSE(is_known_force_type("h_6k"));
}

TEST(Vocab, Participants) {
  EXPECT_EQ(canonical_participant("China"), "CN");
  EXPECT_EQ(canonical_participant("PRC"), "CN");
  EXPECT_EQ(canonical_participant("CHN"), "CN");
  EXPECT_EQ(canonical_participant("Russia"), "RU");
  EXPECT_EQ(canonical_participant("RUS"), "RU");
  EXPECT_EQ(canonical_participant("Russian Federation"), "RU");
  EXPECT_EQ(canonical_participant("Iran"), "IR");
  EXPECT_EQ(canonical_participant("IRN"), "IR");
  EXPECT_EQ(canonical_participant("US"), "US");
  EXPECT_EQ(canonical_participant("USA"), "US");
  EXPECT_EQ(canonical_participant("Japan"), "JP");
  EXPECT_EQ(canonical_participant("Korea"), "KR");
  EXPECT_EQ(canonical_participant("ROK"), "KR");
  EXPECT_EQ(canonical_participant("South Korea"), "KR");
  EXPECT_EQ(canonical_participant("cn"), "CN");
  EXPECT_EQ(canonical_participant(" ru "), "RU");
  EXPECT_EQ(canonical_participant("za"), "ZA");  // any two-letter code, upper-cased
  EXPECT_EQ(canonical_participant("Atlantis"), "");
  EXPECT_EQ(canonical_participant("C1"), "");
  EXPECT_EQ(canonical_participant(""), "");
}
