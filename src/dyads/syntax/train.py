"""Train the shipped parser of one language from Universal Dependencies treebanks:

    python -m dyads.syntax.train --language id|en [--out DIR] [--ud DIR] [--smoke]

converts the .conllu files, trains with configs/<language>.cfg, scores the result on
held-out files it never trained on, and writes the model with a scores.json to
dyads/data/models/<language> (or --out). --smoke trains on 25 sentences for one epoch into
a temporary folder: it checks the whole path in seconds, the model it makes is useless.
The treebanks come from --ud, else $DYADS_UD, else ../shared/ud beside the repository.

Conversion choices (why the references look the way they do):
- Each gold sentence is re-cut to the shipped tokenizer wherever the tokenizer cuts
  coarser: the words of a multi-word token (Indonesian clitics -nya/-lah/-kah/-pun/-ku/-mu,
  "rumahnya" = rumah + nya) and the parts of a hyphenated word ("long - term", EWT)
  become one token that takes the annotation of its syntactic head (its lemma is the
  head's for a clitic, "rumah", and the joined lemmas for a hyphenated word). The
  clitic's own arc ("nya" as possessor or object) is lost; in exchange the model sees the
  tokens it will meet (Indonesian held-out token agreement 99.8%, against ~98% when the
  clitics stay split).
- Training documents hold up to three consecutive sentences, so the parser also learns
  where sentences end; held-out documents are single sentences, as callers parse them.
- `root` becomes spaCy's ROOT; empty nodes and enhanced dependencies are ignored.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core per training: the machine is shared

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.vocab import Vocab

from dyads.syntax.parsers import MODELS_DIR, adapt_tokenizer, prune_special_cases

REPO = Path(__file__).resolve().parents[3]
CONFIGS = Path(__file__).resolve().parent / "configs"
SENTS_PER_DOC = 3
DEV_SHARE = 0.1
SEED = 0
# Where each treebank comes from (the copy in ../shared/ud), for the model's meta.json.
TREEBANKS = {
    "UD_Indonesian-GSD": ("89491e4", "CC BY-SA 4.0"),
    "UD_Indonesian-CSUI": ("41dd7f2", "CC BY-SA 4.0"),
    "UD_Indonesian-PUD": ("765fb3f", "CC BY-SA 3.0"),
    "UD_English-EWT": ("15d613d", "CC BY-SA 4.0"),
    "UD_English-PUD": ("f16eba4", "CC BY-SA 3.0"),
}
ROLES = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "ccomp", "xcomp", "advcl")


@dataclass(frozen=True)
class Spec:
    """Which files train a language and which stay held out for the reported scores.
    `ship_without` names components trained (and scored) but left out of the shipped
    model: Indonesian lemmas come from simplemma, which scores higher (see scores.json)."""

    train: tuple[str, ...]
    held_out: tuple[str, ...]
    ship_without: tuple[str, ...] = ()
    required_labels: tuple[str, ...] = ("nsubj", "obj", "obl")


SPECS = {
    "id": Spec(
        train=(
            "UD_Indonesian-GSD/id_gsd-ud-dev.conllu",
            "UD_Indonesian-CSUI/id_csui-ud-train.conllu",
            "UD_Indonesian-PUD/id_pud-ud-test.conllu",
        ),
        held_out=("UD_Indonesian-GSD/id_gsd-ud-test.conllu", "UD_Indonesian-CSUI/id_csui-ud-test.conllu"),
        ship_without=("trainable_lemmatizer",),
    ),
    "en": Spec(
        train=("UD_English-EWT/en_ewt-ud-dev.conllu", "UD_English-PUD/en_pud-ud-test.conllu"),
        held_out=("UD_English-EWT/en_ewt-ud-test.conllu",),
        required_labels=("nsubj", "obj", "obl", "obl:agent"),
    ),
}


@spacy.registry.callbacks("dyads.syntax.adapt_tokenizer.v1")
def _adapt_tokenizer_callback() -> Any:
    """[initialize.before_init] of the configs: the shipped tokenizer rules, saved with
    the model (loading does not need this callback)."""
    return adapt_tokenizer


# --- CoNLL-U ---------------------------------------------------------------------------


@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based; 0 = root
    deprel: str


@dataclass
class Sentence:
    sent_id: str
    newdoc: bool
    words: list[Word] = field(default_factory=list)
    # surface tokens: (text, 0-based indices of their words, space after)
    pieces: list[tuple[str, list[int], bool]] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[Sentence]:
    sent = Sentence("", False)
    mwt: tuple[int, int, str, bool] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent.words:
                yield sent
            sent, mwt = Sentence("", False), None
        elif line.startswith("#"):
            if line.startswith("# sent_id"):
                sent.sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# newdoc"):
                sent.newdoc = True
        else:
            cols = line.split("\t")
            space = "SpaceAfter=No" not in cols[9].split("|")
            if "-" in cols[0]:
                first, last = (int(x) for x in cols[0].split("-"))
                mwt = (first, last, cols[1], space)
                sent.pieces.append((cols[1], [], space))
            elif "." in cols[0]:
                continue  # empty node of the enhanced graph
            else:
                i = int(cols[0])
                sent.words.append(Word(cols[1], cols[2], cols[3], cols[4], "" if cols[5] == "_" else cols[5],
                                       int(cols[6]), "ROOT" if cols[7] == "root" else cols[7]))
                if mwt and mwt[0] <= i <= mwt[1]:
                    sent.pieces[-1][1].append(i - 1)
                else:
                    sent.pieces.append((cols[1], [i - 1], space))
    if sent.words:
        yield sent


# --- gold Docs cut like the shipped tokenizer -------------------------------------------


def _root_of(indices: list[int], words: list[Word]) -> int:
    inside = {i + 1 for i in indices}
    return next((i for i in indices if words[i].head not in inside), indices[0])


def sentence_doc(vocab: Vocab, sent: Sentence) -> Doc:
    """The sentence as a Doc of syntactic words (a multi-word token whose words do not
    spell it stays one token with its head word's annotation)."""
    tokens: list[tuple[str, bool, list[int]]] = []
    for text, idx, space in sent.pieces:
        if len(idx) > 1 and "".join(sent.words[i].form for i in idx) != text:
            tokens.append((text, space, idx))
        else:
            tokens.extend((sent.words[i].form, space if n == len(idx) - 1 else False, [i])
                          for n, i in enumerate(idx))
    token_of = {i: t for t, (_, _, idx) in enumerate(tokens) for i in idx}
    words = [t[0] for t in tokens]
    roots = [sent.words[_root_of(idx, sent.words)] for _, _, idx in tokens]
    heads = [token_of[w.head - 1] if w.head else t for t, w in enumerate(roots)]
    return Doc(vocab, words=words, spaces=[t[1] for t in tokens],
               lemmas=[w.lemma for w in roots], pos=[w.upos for w in roots], tags=[w.xpos for w in roots],
               morphs=[w.feats for w in roots], heads=heads, deps=[w.deprel for w in roots])


def cut_like_tokenizer(doc: Doc, nlp: Language, clitic_groups: set[tuple[int, int]]) -> tuple[Doc, int]:
    """Merge the gold tokens that the tokenizer keeps as one. Returns the doc and the
    number of gold tokens the tokenizer cuts otherwise (left as they are: the aligner
    of spaCy's training and scoring treats them as missing)."""
    predicted = nlp.make_doc(doc.text)
    gold_start = {t.idx: t.i for t in doc}
    gold_end = {t.idx + len(t): t.i for t in doc}
    merges = []
    for tok in predicted:
        a, b = gold_start.get(tok.idx), gold_end.get(tok.idx + len(tok))
        if a is not None and b is not None and b > a:
            merges.append((a, b + 1))
    if merges:
        with doc.retokenize() as retok:
            for a, b in merges:
                span = doc[a:b]
                root = span.root
                if (a, b) in clitic_groups:
                    lemma = root.lemma_
                else:
                    lemma = "".join(t.lemma_ + t.whitespace_ for t in span).strip()
                retok.merge(span, attrs={"LEMMA": lemma, "POS": root.pos_, "TAG": root.tag_,
                                         "MORPH": str(root.morph), "DEP": root.dep_})
    spans = {(t.idx, t.idx + len(t)) for t in predicted}
    finer = sum(1 for t in doc if (t.idx, t.idx + len(t)) not in spans)
    return doc, finer


def convert(nlp: Language, sentences: list[Sentence]) -> tuple[list[Doc], dict[str, int]]:
    """One gold Doc per sentence, cut like `nlp`'s tokenizer, and token counts."""
    docs, stats = [], {"sentences": 0, "ud_words": 0, "tokens": 0, "finer": 0}
    for sent in sentences:
        doc = sentence_doc(nlp.vocab, sent)
        # the token ranges that come from one multi-word token (clitics)
        groups, k = set(), 0
        for text, idx, _ in sent.pieces:
            n = 1 if (len(idx) > 1 and "".join(sent.words[i].form for i in idx) != text) else len(idx)
            if n > 1:
                groups.add((k, k + n))
            k += n
        doc, finer = cut_like_tokenizer(doc, nlp, groups)
        docs.append(doc)
        stats["sentences"] += 1
        stats["ud_words"] += len(sent.words)
        stats["tokens"] += len(doc)
        stats["finer"] += finer
    return docs, stats


def group(docs: list[Doc], starts: list[bool], size: int) -> list[Doc]:
    """Join consecutive sentences (never across a `newdoc`) into documents of `size`."""
    out: list[Doc] = []
    batch: list[Doc] = []
    for doc, newdoc in zip(docs, starts):
        if batch and (newdoc or len(batch) == size):
            out.append(Doc.from_docs(batch))
            batch = []
        batch.append(doc)
    if batch:
        out.append(Doc.from_docs(batch))
    return out


# --- scoring ---------------------------------------------------------------------------


def token_agreement(nlp: Language, docs: list[Doc]) -> float:
    """F1 of the tokenizer's token boundaries against the reference tokens."""
    both = gold = pred = 0
    for doc in docs:
        g = {(t.idx, t.idx + len(t)) for t in doc}
        p = {(t.idx, t.idx + len(t)) for t in nlp.make_doc(doc.text)}
        both, gold, pred = both + len(g & p), gold + len(g), pred + len(p)
    return 2 * both / (gold + pred) if gold + pred else 0.0


def score(nlp: Language, docs: list[Doc], language: str) -> dict[str, Any]:
    """Held-out scores of `nlp` on reference `docs` (the scorer aligns its own tokens to
    them); UAS/LAS leave out punctuation, as spaCy's scorer does, and `*_with_punct`
    counts it."""
    from spacy.scorer import Scorer

    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    res = nlp.evaluate(examples, batch_size=64)
    out: dict[str, Any] = {
        "tokens": sum(len(d) for d in docs),
        "token_agreement": round(token_agreement(nlp, docs), 4),
        "uas": res.get("dep_uas"),
        "las": res.get("dep_las"),
        "upos": res.get("pos_acc"),
        "morph": res.get("morph_acc"),
        "lemma": res.get("lemma_acc"),
        "sents_f": res.get("sents_f"),
        "las_per_label": {k: round(v["f"], 4) for k, v in (res.get("dep_las_per_type") or {}).items() if k in ROLES},
    }
    # the scorer's run above left the predictions on the examples: score again with punctuation
    predicted = list(nlp.pipe((eg.predicted for eg in examples), batch_size=64))
    scored = [Example(p, eg.reference) for p, eg in zip(predicted, examples)]
    with_punct = Scorer.score_deps(scored, "dep", getter=_dep_label, ignore_labels=())
    out["uas_with_punct"] = with_punct.get("dep_uas")
    out["las_with_punct"] = with_punct.get("dep_las")
    out["lemma_simplemma"] = simplemma_accuracy(docs, language)
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def _dep_label(token: Any, attr: str) -> str:
    """The label as spaCy's parser scorer reads it (a string, lower case)."""
    return str(token.vocab.strings.as_string(getattr(token, attr))).lower()


def simplemma_accuracy(docs: list[Doc], language: str) -> dict[str, float] | None:
    """simplemma's lemma accuracy on the reference tokens: exact, and ignoring case."""
    try:
        import simplemma
    except ImportError:
        return None
    total = exact = folded = 0
    for doc in docs:
        for t in doc:
            guess = simplemma.lemmatize(t.text, lang=language)
            total += 1
            exact += guess == t.lemma_
            folded += guess.casefold() == t.lemma_.casefold()
    return {"exact": round(exact / total, 4), "ignoring_case": round(folded / total, 4)} if total else None


def lemma_accuracy_ignoring_case(nlp: Language, docs: list[Doc]) -> float | None:
    """The trained lemmatizer's accuracy on the reference tokens, ignoring case."""
    if "trainable_lemmatizer" not in nlp.pipe_names:
        return None
    total = right = 0
    for pred, gold in zip(nlp.pipe((Doc(nlp.vocab, words=[t.text for t in d],
                                        spaces=[bool(t.whitespace_) for t in d]) for d in docs),
                                   batch_size=64), docs):
        for p, g in zip(pred, gold):
            total += 1
            right += p.lemma_.casefold() == g.lemma_.casefold()
    return round(right / total, 4) if total else None


def speed(nlp: Language, texts: list[str]) -> float:
    """Words per CPU-second with nlp.pipe (batch 64), after one warm-up pass."""
    list(nlp.pipe(texts[:64], batch_size=64))
    start = time.process_time()
    n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return round(n / max(time.process_time() - start, 1e-9))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- the command -------------------------------------------------------------------------


def default_ud() -> Path:
    env = os.environ.get("DYADS_UD")
    return Path(env) if env else REPO.parent / "shared" / "ud"


def run(language: str, out: Path, ud: Path, smoke: bool = False, work: Path | None = None) -> dict[str, Any]:
    """Convert, train in `work`, then score and save to `out` (see `finish`)."""
    from spacy.cli.train import train as spacy_train

    spec = SPECS[language]
    blank = adapt_tokenizer(spacy.blank(language))
    work = work or Path(tempfile.mkdtemp(prefix=f"dyads-train-{language}-"))
    train_sents = [s for f in spec.train for s in read_conllu(ud / f)]
    if smoke:
        train_sents = train_sents[:25]
    train_docs, train_stats = convert(blank, train_sents)
    grouped = group(train_docs, [s.newdoc for s in train_sents], SENTS_PER_DOC)
    random.Random(SEED).shuffle(grouped)
    n_dev = max(1, round(len(grouped) * DEV_SHARE))
    dev, train = grouped[:n_dev], grouped[n_dev:]
    DocBin(docs=train, store_user_data=False).to_disk(work / "train.spacy")
    DocBin(docs=dev, store_user_data=False).to_disk(work / "dev.spacy")
    print(f"[dyads] {language}: {len(train)} training docs, {len(dev)} dev docs; {train_stats}", flush=True)

    overrides: dict[str, Any] = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    if smoke:
        overrides.update({"training.max_epochs": 1, "training.max_steps": 0, "training.eval_frequency": 1,
                          "training.patience": 0})
    cpu = time.process_time()
    spacy_train(CONFIGS / f"{language}.cfg", work / "output", use_gpu=-1, overrides=overrides)
    train_cpu = time.process_time() - cpu
    facts = {"train_docs": len(train), "dev_docs": len(dev), "train_conversion": train_stats,
             "train_cpu_seconds": round(train_cpu)}
    trained = work / "output" / ("model-last" if smoke else "model-best")
    return finish(language, trained, out, ud, facts, smoke=smoke)


def finish(language: str, trained: Path, out: Path, ud: Path, facts: dict[str, Any],
           smoke: bool = False) -> dict[str, Any]:
    """Score the trained pipeline on the held-out files, drop the components not shipped,
    save it to `out` with scores.json (`facts` about the training go in as they are)."""
    spec = SPECS[language]
    blank = adapt_tokenizer(spacy.blank(language))
    held_out = {f: list(read_conllu(ud / f)) for f in spec.held_out}
    if smoke:
        held_out = {f: s[:20] for f, s in list(held_out.items())[:1]}
    nlp = adapt_tokenizer(spacy.load(trained))
    for string in nlp.vocab.strings:  # the scorer reads predicted labels in the references' vocab
        blank.vocab.strings.add(string)
    scores: dict[str, Any] = {"language": language, "spacy": spacy.__version__, "smoke": smoke,
                              "config": f"dyads/syntax/configs/{language}.cfg",
                              "train_files": list(spec.train), "held_out_files": list(spec.held_out), **facts}
    all_held: list[Doc] = []
    per_file = {}
    for f, sents in held_out.items():
        docs, stats = convert(blank, sents)
        all_held.extend(docs)
        per_file[f] = {"conversion": stats, **score(nlp, docs, language)}
    scores["held_out"] = score(nlp, all_held, language)
    scores["held_out"]["lemma_ignoring_case"] = lemma_accuracy_ignoring_case(nlp, all_held)
    if len(per_file) > 1:
        scores["held_out_per_file"] = per_file
    parser: Any = nlp.get_pipe("parser")
    scores["labels"] = sorted(parser.labels)
    missing = [lab for lab in spec.required_labels if lab not in scores["labels"]]
    if missing and not smoke:
        raise SystemExit(f"the parser lost labels {missing}: lower min_action_freq in {language}.cfg")

    for name in spec.ship_without:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    scores["pipeline"] = nlp.pipe_names
    nlp.meta.update({
        "name": f"dyads_{language}", "version": "1.0.0", "license": "CC BY-SA 4.0",
        "description": "dyads parser (python -m dyads.syntax.train); see dyads/data/models/README.md and LICENSE.md",
        "sources": [{"name": bank, "url": f"https://github.com/UniversalDependencies/{bank}",
                     "commit": TREEBANKS[bank][0], "license": TREEBANKS[bank][1]}
                    for bank in dict.fromkeys(f.split("/")[0] for f in spec.train + spec.held_out)],
    })
    prune_special_cases(nlp)
    scores["words_per_cpu_second"] = speed(nlp, [d.text for d in all_held])
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    scores["size_bytes"] = folder_size(out)
    (out / "scores.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dyads.syntax.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--language", required=True, choices=sorted(SPECS))
    ap.add_argument("--out", type=Path, help="model folder (default dyads/data/models/<language>; "
                                             "a temporary folder with --smoke)")
    ap.add_argument("--ud", type=Path, default=None, help="treebank folder (default $DYADS_UD or ../shared/ud)")
    ap.add_argument("--smoke", action="store_true", help="25 sentences, one epoch: checks the path only")
    ap.add_argument("--work", type=Path, help="folder for the converted data and checkpoints (default: temporary)")
    args = ap.parse_args(argv)
    ud = args.ud or default_ud()
    if not ud.is_dir():
        print(f"no treebanks at {ud}: pass --ud or set DYADS_UD", file=sys.stderr)
        return 2
    out = args.out or (Path(tempfile.mkdtemp(prefix="dyads-smoke-")) / args.language if args.smoke
                       else MODELS_DIR / args.language)
    keep_work = args.work is not None
    work = args.work or Path(tempfile.mkdtemp(prefix=f"dyads-train-{args.language}-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        scores = run(args.language, out, ud, smoke=args.smoke, work=work)
    finally:
        if not keep_work:
            shutil.rmtree(work, ignore_errors=True)
    h = scores["held_out"]
    print(f"[dyads] {args.language} model in {out}: UAS {h['uas']} LAS {h['las']} UPOS {h['upos']} "
          f"lemma {h['lemma']} LAS nsubj/obj/obl {[h['las_per_label'].get(k) for k in ('nsubj', 'obj', 'obl')]}; "
          f"{scores['size_bytes'] / 1e6:.1f} MB, {scores['words_per_cpu_second']} words/CPU-s, "
          f"trained in {scores['train_cpu_seconds']} CPU-s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
