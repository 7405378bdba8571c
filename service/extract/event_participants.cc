#include "service/extract/event_participants.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "service/extract/trigger_filters.h"

namespace parley {
namespace {

v1::ParticipantFunction FunctionOfKind(v1::EventKind kind) {
  switch (kind) {
    case v1::EVENT_KIND_AGREEMENT_SIGNING:
      return v1::PARTICIPANT_FUNCTION_SIGNATORY;
    case v1::EVENT_KIND_VISIT:
      return v1::PARTICIPANT_FUNCTION_VISITOR;
    case v1::EVENT_KIND_STATEMENT:
    case v1::EVENT_KIND_ANNOUNCEMENT:
      return v1::PARTICIPANT_FUNCTION_SPOKESPERSON;
    default:
      return v1::PARTICIPANT_FUNCTION_MEMBER;
  }
}

// Whether a word of attending follows the name that ends at token last,
// within a few words and in its clause ("was among those present", "also
// witnessed", "X and Y looked on"; not "X signed with Y as Z looked on").
bool AttendsAfterName(const ArticleText& article, size_t last, const Sentence& sentence) {
  static const absl::flat_hash_set<absl::string_view> kAttending = {
      "present", "attended", "witnessed", "participated", "observed", "looking", "looked"};
  const std::vector<Token>& tokens = article.tokens();
  static const absl::flat_hash_set<absl::string_view> kClauseMarks = {"as", "while", "when",
                                                                      "where", "after"};
  for (size_t t = last + 1; t < sentence.end && t <= last + 16; ++t) {
    if (kAttending.contains(tokens[t].norm)) return true;
    // "X signed with Y as Z looked on": another clause's subject attended.
    if (article.lexicon().IsRoleVerb(tokens[t].norm) || kClauseMarks.contains(tokens[t].norm)) {
      return false;
    }
  }
  return false;
}

// "was received", "were welcomed" ending at token verb: a host verb in the
// passive (not "took" or "made": "took them around" is active only).
bool IsPassiveHostVerb(const ArticleText& article, size_t verb) {
  const std::vector<Token>& tokens = article.tokens();
  if (verb == 0 || !article.lexicon().IsHostVerb(tokens[verb].norm) ||
      tokens[verb].norm == "took" || tokens[verb].norm == "made") {
    return false;
  }
  return IsFormOfBe(tokens[verb - 1].norm);
}

// A lead word at token t ("led", "heading"), maybe after "co-" ("co-led";
// with chaired_too, "co-chaired" as after a title put after a name, the
// way FunctionOf's led_after_title reads it).
bool LeadWordAt(const ArticleText& article, size_t t, const Sentence& sentence,
                bool chaired_too = false) {
  const std::vector<Token>& tokens = article.tokens();
  if (t >= sentence.end) return false;
  if (tokens[t].norm == "co" && t + 1 < sentence.end && article.Gap(t + 1) == "-") {
    return (chaired_too && tokens[t + 1].norm == "chaired") ||
           article.lexicon().IsLeadWordAfterName(tokens[t + 1].norm);
  }
  return article.lexicon().IsLeadWordAfterName(tokens[t].norm);
}

// "A and Secretary B led their respective delegations": A, joined by
// "and" to the next person, leads with them (the lead word follows the
// next name, no other verb between).
bool LeadsWithTheNext(const ArticleText& article, size_t last, const Sentence& sentence) {
  const std::vector<Token>& tokens = article.tokens();
  if (last + 2 >= sentence.end || tokens[last + 1].norm != "and" || article.CommaBefore(last + 1)) {
    return false;
  }
  for (size_t t = last + 2; t < sentence.end && t <= last + 10; ++t) {
    // "A and Ms. B, Secretary of the Department of X, co-chaired the
    // Dialogue": the next person's apposition between commas is skipped.
    if (t > last + 2 && article.CommaBefore(t)) {
      for (size_t u = t + 1; u < sentence.end && u < t + 24; ++u) {
        if (article.CommaBefore(u) && LeadWordAt(article, u, sentence, /*chaired_too=*/true)) {
          return true;
        }
      }
      return false;
    }
    if (!tokens[t].capitalized) return LeadWordAt(article, t, sentence) && !article.CommaBefore(t);
  }
  return false;
}

}  // namespace

v1::ParticipantFunction FunctionOf(const ArticleText& article, const ExtractedOfficial& official,
                                   v1::EventKind kind, const Sentence& sentence) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  // The official's first token (of the title) and last (of the name).
  size_t first = sentence.first, last = sentence.first;
  for (size_t t = sentence.first; t < sentence.end; ++t) {
    if (tokens[t].start == official.quote_start) first = t;
    if (tokens[t].end == official.name_end) last = t;
  }
  // Words of the sentence around them ("" outside it; first - 1 may wrap).
  auto word = [&](size_t t) -> absl::string_view {
    return t >= sentence.first && t < sentence.end ? absl::string_view(tokens[t].norm)
                                                   : absl::string_view();
  };
  const absl::string_view by = word(first - 1), verb = word(first - 2);
  const absl::string_view next = word(last + 1), after_next = word(last + 2);
  // "X, Under Secretary of State for Economic Growth, Energy and the
  // Environment, led ...": the verb after the comma that closes a title
  // put after the name.
  bool led_after_title = false;
  if (last + 1 < sentence.end && article.CommaBefore(last + 1)) {
    // ("X, the Ambassador, welcomed the delegation, led by Y": Y led.)
    for (size_t t = last + 2; t < sentence.end && t <= last + 20 && !led_after_title; ++t) {
      // "co-led", "co-chaired": the verb after its prefix.
      const size_t verb_at = tokens[t].norm == "co" && t + 1 < sentence.end ? t + 1 : t;
      led_after_title = article.CommaBefore(t) &&
                        (lexicon.IsLedVerb(tokens[verb_at].norm) ||
                         (verb_at > t && tokens[verb_at].norm == "chaired")) &&
                        !(verb_at + 1 < sentence.end && tokens[verb_at + 1].norm == "by");
      if (lexicon.IsRoleVerb(tokens[t].norm) && !led_after_title) break;  // another act first
    }
  }
  // "Japan's delegation was led by X, and India's by Y": Y led too.
  bool delegation_led = false;
  for (size_t t = sentence.first; t + 2 < sentence.end; ++t) {
    delegation_led =
        delegation_led || (tokens[t].norm == "delegation" && lexicon.IsLedVerb(tokens[t + 2].norm));
  }
  if (by == "by" && verb == "hosted") return v1::PARTICIPANT_FUNCTION_HOST;
  // "Leading the team was Y, who was received at the centre by Director X":
  // X received the visitor of the visit told before, in a sentence that
  // tells of no act of its own (beside a visit ReceivesTheVisit decides;
  // beside talks or a signing "received by" says nothing of them).
  bool tells_act = false;
  for (size_t t = sentence.first; t < sentence.end && !tells_act; ++t) {
    size_t length = 0;
    tells_act = lexicon.TriggerAt(tokens, t, &length) != v1::EVENT_KIND_UNSPECIFIED;
  }
  for (size_t t = first - 1; by == "by" && !tells_act && first >= sentence.first + 3 &&
                             t + 5 > first && t > sentence.first + 1 && !article.CommaBefore(t);
       --t) {
    if (IsPassiveHostVerb(article, t - 1)) return v1::PARTICIPANT_FUNCTION_HOST;
  }
  // "X was among those present at the signing", "X witnessed the signing":
  // there, not signing (after the lead checks: "X, who attended the talks,
  // led the delegation" leads).
  const bool attended = AttendsAfterName(article, last, sentence) ||
                        (by == "by" && (verb == "witnessed" || verb == "attended"));
  // "Their American counterparts were X": the other side's leads.
  if ((by == "were" || by == "was") && lexicon.IsDelegationWord(verb)) {
    return v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD;
  }
  const bool verb_is_cue = lexicon.IsRoleVerb(verb);
  // "was led on the U.S. side by X": the lead verb a few words before "by",
  // with no comma between.
  bool lead_verb_before_by = by == "by" && lexicon.IsLeadVerbBeforeBy(verb);
  for (size_t t = first - 2; by == "by" && !lead_verb_before_by && first >= sentence.first + 2 &&
                             t > sentence.first && t + 7 > first && !article.CommaBefore(t + 1);
       --t) {
    lead_verb_before_by = lexicon.IsLeadVerbBeforeBy(tokens[t - 1].norm);
  }
  // "The Indian side was led by X, ..., and the US side by Y": the verb
  // left out of the second clause.
  // (A country names the side: not "flanked on either side by X".)
  bool gapped_lead = false;
  size_t country_first = 0;
  const bool sided = by == "by" && lexicon.IsDelegationWord(verb) && first >= sentence.first + 3 &&
                     !article.CountryEndingAt(first - 3, &country_first).empty();
  for (size_t t = sentence.first; sided && t + 2 < first; ++t) {
    gapped_lead = gapped_lead || lexicon.IsLedVerb(tokens[t].norm);
  }
  if ((by == "by" && (lead_verb_before_by || gapped_lead || (delegation_led && !verb_is_cue))) ||
      LeadWordAt(article, last + 1, sentence) || (next == "who" && lexicon.IsLedVerb(after_next)) ||
      led_after_title || LeadsWithTheNext(article, last, sentence)) {
    return v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD;
  }
  if (attended) return v1::PARTICIPANT_FUNCTION_MEMBER;
  // "... in the presence of X", "in the presence of the Union Minister":
  // there, not signing.
  if ((by == "of" && verb == "presence") ||
      (by == "the" && verb == "of" && word(first - 3) == "presence")) {
    return v1::PARTICIPANT_FUNCTION_HOST;
  }
  if ((by == "by" && verb == "hosted") || next == "hosted" ||
      (next == "who" && after_next == "hosted")) {
    return v1::PARTICIPANT_FUNCTION_HOST;
  }
  if (absl::StrContains(absl::AsciiStrToLower(official.title), "spokes")) {
    return v1::PARTICIPANT_FUNCTION_SPOKESPERSON;
  }
  return FunctionOfKind(kind);
}

bool IsVisitor(const ArticleText& article, const ExtractedOfficial& official, size_t at,
               const Sentence& sentence) {
  const std::vector<Token>& tokens = article.tokens();
  const bool before = official.name_end <= tokens[at].start;
  // "X, who is visiting India": a verb, its subject named before.
  const absl::string_view be = at > sentence.first ? absl::string_view(tokens[at - 1].norm) : "";
  const bool visiting_verb = tokens[at].norm == "visiting" && IsFormOfBe(be);
  // "visiting Secretary of State X", "the visit of X", "a visit by X": the
  // official named next.
  const bool names_next =
      (tokens[at].norm == "visiting" && !visiting_verb) ||
      (at + 1 < sentence.end && article.lexicon().IsVisitorCue(tokens[at + 1].norm));
  if (names_next && !before) {
    return official.quote_start <= tokens[std::min(at + 3, sentence.end - 1)].start;
  }
  if (!before || (tokens[at].norm == "visiting" && !visiting_verb)) return false;
  if (visiting_verb) {
    // Its subject: named right before "is visiting", or before ", who is
    // visiting" (the relative clause's antecedent), not anyone earlier.
    for (size_t t = sentence.first; t + 1 < at; ++t) {
      if (tokens[t].end != official.name_end && tokens[t].end != official.quote_end) continue;
      if (t + 2 == at) return true;
      for (size_t w = t + 1; w + 1 < at && w <= t + 4; ++w) {
        if (tokens[w].norm == "who" && w + 2 == at) return true;
      }
    }
    return false;
  }
  // "X met Y on Monday and visited Z": Y, named after another trigger, is
  // whom the visitor met ("discussed during Obama's recent visit": a
  // possessive before the visit is its visitor).
  for (size_t t = sentence.first; t < at; ++t) {
    if (tokens[t].end == official.name_end && article.Possessive(t) && at - t <= 3) return true;
  }
  // ("Prior to the meeting, X visited ...": a trigger that only frames the
  // visit is no act of theirs.)
  for (size_t t = sentence.first; t < at && tokens[t].end <= official.quote_start; ++t) {
    size_t length = 0;
    const v1::EventKind kind = article.lexicon().TriggerAt(tokens, t, &length);
    if (kind != v1::EVENT_KIND_UNSPECIFIED && kind != v1::EVENT_KIND_VISIT &&
        !FramesAnotherAct(article, t, length, sentence)) {
      return false;
    }
  }
  return true;
}

bool ReceivesTheVisit(const ArticleText& article, const ExtractedOfficial& official, size_t at,
                      const Sentence& sentence) {
  const std::vector<Token>& tokens = article.tokens();
  if (official.quote_start <= tokens[at].start) return false;
  bool where = false;
  size_t name_last = sentence.end;
  for (size_t t = at + 1; t < sentence.end; ++t) {
    if (tokens[t].end <= official.quote_start) {
      // The site's clause: "..., where X briefed them".
      if (tokens[t].norm == "where" && absl::StrContains(article.Gap(t), ',')) where = true;
      continue;
    }
    if (tokens[t].end == official.name_end) name_last = t;
  }
  if (!where || name_last == sentence.end) return false;
  // "where he was received by Director X" (a host verb before "by").
  for (size_t t = at + 2; t < sentence.end; ++t) {
    if (tokens[t].start != official.quote_start) continue;
    if (tokens[t - 1].norm == "by" && IsPassiveHostVerb(article, t - 2)) return true;
    break;
  }
  // After an apposition: "where X, Head of Clinical Research of the
  // company, made a presentation".
  if (name_last + 1 < sentence.end && article.CommaBefore(name_last + 1)) {
    for (size_t t = name_last + 2; t < sentence.end && t < name_last + 14; ++t) {
      if (article.CommaBefore(t)) {
        name_last = t - 1;
        break;
      }
    }
  }
  // The verb right after the name ("where its Director, X, briefed them"),
  // not one of a clause about them ("X, who hosted the summit there in
  // 2023, ..."); "took" only as "took them (her, him) around", "made" only
  // as "made a presentation".
  const size_t verb = name_last + 1;
  if (verb >= sentence.end || !article.lexicon().IsHostVerb(tokens[verb].norm)) return false;
  auto word = [&](size_t t) -> absl::string_view {
    return t < sentence.end ? absl::string_view(tokens[t].norm) : absl::string_view();
  };
  if (word(verb) == "made") return word(verb + 1) == "a" && word(verb + 2) == "presentation";
  if (word(verb) != "took") return true;
  return word(verb + 1) == "them" || word(verb + 1) == "her" || word(verb + 1) == "him";
}

// Whether official only reports the act of the trigger at token `at`:
// named right before a reporting verb that comes before the trigger
// ("She said the two nations had signed ...").
bool ReportsIt(const ArticleText& article, const ExtractedOfficial& official, size_t at,
               const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  for (size_t t = s.first; t + 1 < s.end && t < at; ++t) {
    if (tokens[t].end != official.name_end) continue;
    size_t verb = t + 1;
    // "X, a retired navy officer who now teaches at Y, said the visit was
    // ...": the verb after the apposition.
    if (article.CommaBefore(verb)) {
      for (size_t u = verb + 1; u < at && u < verb + 24; ++u) {
        if (article.CommaBefore(u)) {
          verb = u;
          break;
        }
      }
    }
    return verb < at && lexicon.IsReportingVerb(tokens[verb].norm);
  }
  return false;
}

// Whether official is named in a clause that only dates or frames the act
// of the trigger at token `at`: after it, behind a frame word ("signed in
// the week the two ministers met", "during the visit of X"), or before
// it, in a clause that a frame word opens and a comma closes ("After X
// arrived, the accord was signed").
std::vector<size_t> PeopleNamedIn(const ArticleText& article, const Extraction& extraction,
                                  const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  std::vector<size_t> people;
  absl::flat_hash_set<std::string> keys;
  for (size_t o = 0; o < extraction.officials.size(); ++o) {
    const ExtractedOfficial& official = extraction.officials[o];
    if (official.name_start >= tokens[s.first].start &&
        official.name_end <= tokens[s.end - 1].end && !article.Quoted(official.name_start) &&
        keys.insert(NameKey(official.name)).second) {
      people.push_back(o);
    }
  }
  return people;
}

bool FramedApart(const ArticleText& article, const ExtractedOfficial& official, size_t at,
                 const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  size_t first = s.first, last = s.first;
  for (size_t t = s.first; t < s.end; ++t) {
    if (tokens[t].start == official.quote_start) first = t;
    if (tokens[t].end == official.name_end) last = t;
  }
  if (first > at) {
    // "Addressing a press conference after the talks, X said": an opening
    // participle's clause, frame and all, ends at its comma; the person
    // after it is the one who addressed it.
    // (Only when the act is the participle's object, a few words on: not
    // "Commenting on the agreement signed during the visit, X said".)
    bool opening_participle =
        lexicon.IsOpeningParticiple(tokens[s.first].norm) && at <= s.first + 4;
    for (size_t t = s.first + 1; t <= at && opening_participle; ++t) {
      opening_participle = !absl::StrContains(article.Gap(t), ',');
    }
    for (size_t t = at + 1; t < first; ++t) {
      if (!lexicon.IsFrameWord(tokens[t].norm)) continue;
      // ("held talks later in the day with X": a time of the act.)
      if (t >= 3 && tokens[t].norm == "day" && tokens[t - 1].norm == "the" &&
          tokens[t - 2].norm == "in" &&
          (tokens[t - 3].norm == "later" || tokens[t - 3].norm == "earlier")) {
        continue;
      }
      bool clause_closed = false;
      for (size_t u = t + 1; u <= first && opening_participle; ++u) {
        clause_closed = clause_closed || absl::StrContains(article.Gap(u), ',');
      }
      if (clause_closed) continue;
      // "X signed it for the ICG, while Y signed on behalf of the USCG": a
      // contrast that does the act again, not a time that frames it.
      bool same_act_again = false;
      for (size_t u = first; tokens[t].norm == "while" && u < s.end && !same_act_again; ++u) {
        same_act_again = tokens[u].norm == tokens[at].norm;
      }
      if (!same_act_again) return true;
    }
    return false;
  }
  bool comma = false;
  for (size_t t = last + 1; t <= at && t < s.end; ++t) {
    comma = comma || absl::StrContains(article.Gap(t), ',');
  }
  if (!comma) return false;
  bool framed = false;
  for (size_t t = s.first; t < first; ++t) {
    if (t > s.first && absl::StrContains(article.Gap(t), ',')) framed = false;
    framed = framed || lexicon.IsFrameWord(tokens[t].norm);
  }
  return framed;
}

// Whether official is named right after "and" (maybe ", and"), the second
// of two people joined.
bool CoordinatedWithPrevious(const ArticleText& article, const ExtractedOfficial& official,
                             const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  for (size_t t = s.first + 1; t < s.end; ++t) {
    if (tokens[t].start != official.quote_start) continue;
    // "co-chaired by X and the US Ambassador-at-Large ..., Y": past "the"
    // and a country before the title.
    size_t k = t - 1, country_first = 0;
    if (k > s.first && !article.CountryEndingAt(k, &country_first).empty() &&
        country_first > s.first) {
      k = country_first - 1;
    }
    if (k > s.first && tokens[k].norm == "the") --k;
    return tokens[k].norm == "and";
  }
  return false;
}

}  // namespace parley
