using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Questions;

/// <summary>What a search result is: a question-and-answer entry, a guidance action or a checklist.</summary>
public enum QuestionMatchKind
{
    Answer,
    Guidance,
    Checklist,
}

/// <summary>One search result: the id (<c>qa:police-report-how</c>, <c>guidance:evidence-letter</c>, <c>checklist:evidence</c>) and how much of the question it covers (0–1).</summary>
public sealed record QuestionMatch(string Id, QuestionMatchKind Kind, string Key, float Score, double Coverage);

/// <summary>
/// An offline search (Lucene.Net, in memory, built once at start) over the content files: the question-and-answer file,
/// the guidance actions and the checklists, each in Swedish and English. Swedish text is lower-cased, stripped of stop
/// words, split into its compound parts ("polisanmälan" also gives "polis" and "anmälan") and stemmed; English goes
/// through Lucene's English analyzer. A question is searched in both languages, with one-letter typos forgiven
/// (two in long words). How sure a result is comes from how much of the question's rare words the result contains
/// (idf-weighted coverage), not from Lucene's score, which has no fixed scale.
/// </summary>
public sealed class QuestionIndex : IDisposable
{
    /// <summary>Below this coverage the search has no sure answer (measured on the labelled set in the tests).</summary>
    public const double ConfidenceThreshold = 0.4;

    /// <summary>How sure a match on a single content word can be at most (below <see cref="ConfidenceThreshold"/>).</summary>
    private const double SingleWordConfidence = 0.35;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>At most this many words per language are searched: 2 fields × (exact + fuzzy) × 2 languages × 40 stays under Lucene's 1,024 clauses.</summary>
    private const int MaxQueryTerms = 40;
    private const string SvQuestions = "sv_q";
    private const string SvText = "sv_t";
    private const string EnQuestions = "en_q";
    private const string EnText = "en_t";
    private const string IdField = "id";

    private static readonly Lazy<QuestionIndex> s_default = new(() => new QuestionIndex(QuestionContent.Default, GuidanceContent.Default, ChecklistContent.Default));

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _swedish;
    private readonly Analyzer _english;
    private readonly Dictionary<string, (HashSet<string> Sv, HashSet<string> En)> _termsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _svDocumentFrequency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _enDocumentFrequency = new(StringComparer.Ordinal);

    public QuestionIndex(QuestionContent questions, GuidanceContent guidance, ChecklistContent checklists)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(guidance);
        ArgumentNullException.ThrowIfNull(checklists);
        _swedish = SwedishWithCompounds(questions.CompoundParts);
        _english = new EnglishAnalyzer(Version, EnglishStopWords());
        var perField = new PerFieldAnalyzerWrapper(_english, new Dictionary<string, Analyzer> { [SvQuestions] = _swedish, [SvText] = _swedish });

        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, perField)))
        {
            foreach (var entry in questions.Entries)
            {
                Add(writer, "qa:" + entry.Id, string.Join("\n", entry.QuestionsSv), entry.Answer.Sv, string.Join("\n", entry.QuestionsEn), entry.Answer.En);
            }

            foreach (var action in guidance.Actions)
            {
                Add(writer, "guidance:" + action.Id, string.Empty, action.Text.Sv, string.Empty, action.Text.En);
            }

            foreach (var checklist in checklists.Checklists)
            {
                Add(writer, "checklist:" + checklist.Id, checklist.Title.Sv, string.Join("\n", checklist.Items.Select(i => i.Sv)), checklist.Title.En, string.Join("\n", checklist.Items.Select(i => i.En)));
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
    }

    public static QuestionIndex Default => s_default.Value;

    public int DocumentCount => _termsById.Count;

    /// <summary>The best results first (at most <paramref name="max"/>); each carries how sure it is.</summary>
    public IReadOnlyList<QuestionMatch> Search(string? text, int max = 3)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // A question is a few words; a pasted page is cut to its first words (Lucene's query has a clause limit).
        var svTerms = Terms(_swedish, SvText, text).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        var enTerms = Terms(_english, EnText, text).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        if (svTerms.Count == 0 && enTerms.Count == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        AddTerms(query, svTerms, SvQuestions, SvText);
        AddTerms(query, enTerms, EnQuestions, EnText);
        var hits = _searcher.Search(query, 10).ScoreDocs;
        var best = hits.Length > 0 ? hits[0].Score : 1f;
        return hits
            .Select(hit =>
            {
                var id = _searcher.Doc(hit.Doc).Get(IdField, System.Globalization.CultureInfo.InvariantCulture);
                var terms = _termsById[id];
                var coverage = Math.Max(Coverage(svTerms, terms.Sv, _svDocumentFrequency), Coverage(enTerms, terms.En, _enDocumentFrequency));
                var separator = id.IndexOf(':', StringComparison.Ordinal);
                var kind = id[..separator] switch { "qa" => QuestionMatchKind.Answer, "guidance" => QuestionMatchKind.Guidance, _ => QuestionMatchKind.Checklist };
                return new QuestionMatch(id, kind, id[(separator + 1)..], hit.Score, coverage);
            })
            // Lucene's order, corrected by how much of the question each result covers.
            .OrderByDescending(m => (m.Score / best) + m.Coverage)
            .Take(max)
            .ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _swedish.Dispose();
        _english.Dispose();
    }

    /// <summary>
    /// Swedish: standard tokens, lower case, Swedish stop words, compound parts kept next to the whole word, then the
    /// Swedish Snowball stemmer.
    /// </summary>
    private static Analyzer SwedishWithCompounds(IEnumerable<string> parts)
    {
        var dictionary = new CharArraySet(Version, parts.ToList(), true);
        return Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new StopFilter(Version, stream, SwedishStopWords());
            stream = new DictionaryCompoundWordTokenFilter(Version, stream, dictionary, 6, 3, 15, false);
            stream = new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.SwedishStemmer());
            return new TokenStreamComponents(source, stream);
        });
    }

    /// <summary>
    /// Lucene's Swedish stop words and the words of a request rather than its topic ("kan du boka … åt mig", "hur gör
    /// vi"), so that an errand such as booking a room is not taken for a question about a meeting or premises.
    /// </summary>
    private static CharArraySet SwedishStopWords()
    {
        var words = new CharArraySet(Version, SwedishAnalyzer.DefaultStopSet, true);
        foreach (var word in new[] { "hur", "gör", "göra", "jag", "vi", "du", "kan", "ska", "bör", "mig", "oss", "åt", "boka", "bokar", "bokning", "hjälp", "hjälpa" })
        {
            words.Add(word);
        }

        return words;
    }

    /// <summary>Lucene's English stop words and the words every question starts with ("how do I", "what should we"), which say nothing about the topic.</summary>
    private static CharArraySet EnglishStopWords()
    {
        var words = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet, true);
        foreach (var word in new[] { "how", "do", "does", "did", "i", "we", "you", "what", "who", "when", "where", "why", "which", "can", "could", "should", "would", "my", "our", "me", "us", "get", "got", "has", "have", "like" })
        {
            words.Add(word);
        }

        return words;
    }

    private static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Each word as typed, or within one edit (two in words of eight letters or more); question phrasings weigh double.</summary>
    private static void AddTerms(BooleanQuery query, IEnumerable<string> terms, string questionField, string textField)
    {
        foreach (var term in terms)
        {
            foreach (var (field, boost) in new[] { (questionField, 2f), (textField, 1f) })
            {
                query.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
                var edits = AllowedEdits(term);
                if (edits > 0)
                {
                    query.Add(new FuzzyQuery(new Term(field, term), edits, 1) { Boost = boost * 0.5f }, Occur.SHOULD);
                }
            }
        }
    }

    private static int AllowedEdits(string term) => term.Length >= 8 ? 2 : term.Length >= 5 ? 1 : 0;

    /// <summary>The share of the question's weight (rare words weigh more) that the result contains, typos forgiven.</summary>
    private double Coverage(List<string> queryTerms, HashSet<string> documentTerms, Dictionary<string, int> frequency)
    {
        if (queryTerms.Count == 0)
        {
            return 0;
        }

        double total = 0;
        double matched = 0;
        foreach (var term in queryTerms)
        {
            var weight = Math.Log(1 + (DocumentCount / (frequency.GetValueOrDefault(term) + 1.0)));
            total += weight;
            if (documentTerms.Contains(term) || documentTerms.Any(t => Math.Abs(t.Length - term.Length) <= AllowedEdits(term) && EditDistance.Within(term, t, AllowedEdits(term))))
            {
                matched += weight;
            }
        }

        // One content word left after the request words says too little about the topic ("kan du boka ett möte åt
        // mig" is only "möte"): such a question is never a sure match on its own.
        var share = total == 0 ? 0 : matched / total;
        return queryTerms.Count == 1 ? share * SingleWordConfidence : share;
    }

    private void Add(IndexWriter writer, string id, string svQuestions, string svText, string enQuestions, string enText)
    {
        var document = new Document
        {
            new StringField(IdField, id, Field.Store.YES),
            new TextField(SvQuestions, svQuestions, Field.Store.NO),
            new TextField(SvText, svText, Field.Store.NO),
            new TextField(EnQuestions, enQuestions, Field.Store.NO),
            new TextField(EnText, enText, Field.Store.NO),
        };
        writer.AddDocument(document);
        var sv = Terms(_swedish, SvText, svQuestions + "\n" + svText).ToHashSet(StringComparer.Ordinal);
        var en = Terms(_english, EnText, enQuestions + "\n" + enText).ToHashSet(StringComparer.Ordinal);
        _termsById[id] = (sv, en);
        foreach (var term in sv)
        {
            _svDocumentFrequency[term] = _svDocumentFrequency.GetValueOrDefault(term) + 1;
        }

        foreach (var term in en)
        {
            _enDocumentFrequency[term] = _enDocumentFrequency.GetValueOrDefault(term) + 1;
        }
    }
}
