"""Linear re-ranker over the top 100 of a tisc run, coordinate ascent, two-fold cross-validation on
SciFact TRAINING judgments only: ltr.py RUN.trec (run made with --limit 1000). Needs PyStemmer."""
import os,sys,json,re,math,collections,random,Stemmer
st=Stemmer.Stemmer('english')
D=os.path.join(os.environ.get('TISC_SHARED_DATA', '../shared/data'), 'beir-scifact/')
STOP=set("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with which than from has have its can been were we our".split())
tok=lambda t:[st.stemWord(w) for w in re.findall(r'\w+',t.lower())]
docs={}
for l in open(D+'corpus.jsonl'):
    d=json.loads(l); docs[d['_id']]=(tok(d['title']),tok(d['text']))
N=len(docs); df=collections.Counter()
for t,a in docs.values(): df.update(set(t)|set(a))
idf=lambda w: math.log(1+(N-df[w]+.5)/(df[w]+.5))
qs={}
for l in open(D+'queries.jsonl'):
    d=json.loads(l); qs[d['_id']]=[w for w in dict.fromkeys(tok(d['text'])) if w not in STOP and df[w]>0]
def qrels(p):
    r=collections.defaultdict(dict)
    for i,l in enumerate(open(p)):
        if i==0: continue
        a,b,c=l.split('\t'); r[a][b]=int(c)
    return r
tr=qrels(D+'qrels/train.tsv')
run=collections.defaultdict(list)
for l in open(sys.argv[1]):
    q,_,d,rk,s,_=l.split()
    if int(rk)<=100: run[q].append((d,float(s)))
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
def ndcg(q,ranked,rel):
    dcg=sum((2**rel.get(d,0)-1)/math.log2(i+2) for i,d in enumerate(ranked[:10]))
    ideal=sorted(rel.values(),reverse=True)[:10]
    idcg=sum((2**r-1)/math.log2(i+2) for i,r in enumerate(ideal))
    return dcg/idcg if idcg else 0
def evaluate(w,qrel,qids):
    tot=0
    for q in qids:
        lst=F.get(q,[])
        ranked=[d for d,f in sorted(lst,key=lambda x:-sum(a*b for a,b in zip(w,x[1])))]
        tot+=ndcg(q,ranked,qrel[q])
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
