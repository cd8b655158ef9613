"""Linear re-ranker over the top 100 of a tisc run, coordinate ascent, two-fold cross-validation on
SciFact TRAINING judgments only: ltr.py RUN.trec (run made with --limit 1000). Needs PyStemmer."""
import sys,json,math,collections,random
from common import D, STOP, tok, qrels, load_run, ndcg
docs={}
for l in open(D+'corpus.jsonl'):
    d=json.loads(l); docs[d['_id']]=(tok(d['title']),tok(d['text']))
N=len(docs); df=collections.Counter()
for t,a in docs.values(): df.update(set(t)|set(a))
idf=lambda w: math.log(1+(N-df[w]+.5)/(df[w]+.5))
qs={}
for l in open(D+'queries.jsonl'):
    d=json.loads(l); qs[d['_id']]=[w for w in dict.fromkeys(tok(d['text'])) if w not in STOP and df[w]>0]
tr=qrels(D+'qrels/train.tsv')
run=load_run(sys.argv[1])
def feats(q,d,s,mx):
    t,a=docs[d]; qw=qs[q]; tot=sum(idf(w) for w in qw) or 1
    ts=set(t); as_=set(a)
    tcov=sum(idf(w) for w in qw if w in ts)/tot
    acov=sum(idf(w) for w in qw if w in ts or w in as_)/tot
    # min window containing 2 distinct query terms weighted
    pos=[(i,w) for i,w in enumerate(a) if w in qw]
    prox=0
    for (i,w),(j,v) in zip(pos,pos[1:]):
        if w!=v: prox+=idf(w)*idf(v)/((j-i)**2)
    first=min([i for i,w in pos],default=len(a))/(len(a)+1)
    return [s/mx, tcov, acov, math.log(1+prox), first, math.log(1+len(a))]
F={q:[(d,feats(q,d,s,lst[0][1])) for d,s in lst] for q,lst in run.items() if q in qs}
def evaluate(w,qrel,qids):
    tot=0
    for q in qids:
        lst=F.get(q,[])
        ranked=[d for d,f in sorted(lst,key=lambda x:-sum(a*b for a,b in zip(w,x[1])))]
        tot+=ndcg(ranked,qrel[q])
    return tot/len(qids)
qids=sorted(tr)
random.seed(0); random.shuffle(qids)
folds=[qids[i::2] for i in range(2)]
def ca(qset):
    w=[1,0,0,0,0,0]; best=evaluate(w,tr,qset)
    for it in range(3):
        for k in range(1,len(w)):
            for step in [-0.5,-0.2,-0.1,-0.05,0.05,0.1,0.2,0.5]:
                w2=list(w); w2[k]+=step; v=evaluate(w2,tr,qset)
                if v>best+1e-5: best=v; w=w2
    return w,best
print('base all',evaluate([1,0,0,0,0,0],tr,qids))
for i in range(2):
    w,b=ca(folds[i]); o=folds[1-i]
    print('fold',i,'train',round(b,4),'w',w,'held-out base',round(evaluate([1,0,0,0,0,0],tr,o),4),'held-out ltr',round(evaluate(w,tr,o),4))
