"""Acronym expansion: acronyms defined in the collection ("AMP-activated protein kinase (AMPK)")
and, for each query, the long forms of the acronyms it uses appended to it. Writes the
rewritten queries to OUT.jsonl, to run with `tisc search --batch OUT.jsonl`:
acronyms.py OUT.jsonl"""
import json,re,collections,sys
from common import D
pat=re.compile(r'((?:[A-Za-z][\w-]*\s+){1,8})\(([A-Z][A-Za-z0-9-]{1,9})s?\)')
defs=collections.defaultdict(collections.Counter)
for l in open(D+'corpus.jsonl'):
    d=json.loads(l); t=d['title']+'. '+d['text']
    for m in pat.finditer(t):
        words=m.group(1).split(); acr=m.group(2)
        letters=[c for c in acr if c.isalpha()]
        # take as many trailing words as letters (rough)
        n=min(len(words),max(1,len([c for c in acr if c.isupper()])))
        lf=' '.join(words[-n:]).lower()
        if lf[0]==acr[0].lower():
            defs[acr][lf]+=1
best={a:c.most_common(1)[0][0] for a,c in defs.items()}
print(len(best), list(best.items())[:15], file=sys.stderr)
mode='acr'
with open(sys.argv[1],'w') as o:
    n=0
    for l in open(D+'queries.jsonl'):
        d=json.loads(l); t=d['text']; add=[]
        for tok in re.findall(r'[A-Za-z][A-Za-z0-9-]+',t):
            if tok in best: add.append(best[tok])
        if add: n+=1
        d['text']=t+' '+' '.join(add)
        o.write(json.dumps(d)+'\n')
print('expanded',n,file=sys.stderr)
