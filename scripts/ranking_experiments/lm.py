"""Dirichlet language model alone and mixed with BM25F over the top 100 of a tisc run, on SciFact
TRAINING judgments: lm.py RUN.trec. Needs PyStemmer."""
import sys,json,math,collections
from common import D, STOP, tok, qrels, load_run, ndcg
docs={}
for l in open(D+'corpus.jsonl'):
    d=json.loads(l); docs[d['_id']]=tok(d['title'])*2+tok(d['text'])
cf=collections.Counter(); T=0
for a in docs.values(): cf.update(a); T+=len(a)
tfs={k:collections.Counter(v) for k,v in docs.items()}
qs={}
for l in open(D+'queries.jsonl'):
    d=json.loads(l); qs[d['_id']]=[w for w in tok(d['text']) if w not in STOP and cf[w]>0]
tr=qrels(D+'qrels/train.tsv')
run=load_run(sys.argv[1])
def lm(q,d,mu):
    tf=tfs[d]; L=len(docs[d])
    return sum(math.log(1+tf[w]/(mu*cf[w]/T)) for w in qs[q])+len(qs[q])*math.log(mu/(L+mu))
for mu in [100,300,1000]:
  for alpha in [0,0.3,0.5,1.0]:
    tot=0
    for q in tr:
        lst=run[q]; mx=lst[0][1]; mn=lst[-1][1]
        l=[(d,lm(q,d,mu)) for d,_ in lst]; lmx=max(x for _,x in l); lmn=min(x for _,x in l)
        sc={d:(s-mn)/(mx-mn+1e-9) for d,s in lst}
        for d,x in l: sc[d]+=alpha*(x-lmn)/(lmx-lmn+1e-9) if alpha<1 else 0
        if alpha==1.0: sc={d:x for d,x in l}
        tot+=ndcg(sorted(sc,key=lambda d:-sc[d]),tr[q])
    print(mu,alpha,round(tot/len(tr),4))
