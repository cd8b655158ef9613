"""Dirichlet language model alone and mixed with BM25F over the top 100 of a tisc run, on SciFact
TRAINING judgments: lm.py RUN.trec. Needs PyStemmer."""
import os,sys,json,re,math,collections,Stemmer
st=Stemmer.Stemmer('english')
D=os.path.join(os.environ.get('TISC_SHARED_DATA', '../shared/data'), 'beir-scifact/')
STOP=set("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with which than from has have its can been were we our".split())
tok=lambda t:[st.stemWord(w) for w in re.findall(r'\w+',t.lower())]
docs={}
for l in open(D+'corpus.jsonl'):
    d=json.loads(l); docs[d['_id']]=tok(d['title'])*2+tok(d['text'])
cf=collections.Counter(); T=0
for a in docs.values(): cf.update(a); T+=len(a)
tfs={k:collections.Counter(v) for k,v in docs.items()}
qs={}
for l in open(D+'queries.jsonl'):
    d=json.loads(l); qs[d['_id']]=[w for w in tok(d['text']) if w not in STOP and cf[w]>0]
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
def ndcg(ranked,rel):
    dcg=sum((2**rel.get(d,0)-1)/math.log2(i+2) for i,d in enumerate(ranked[:10]))
    ideal=sorted(rel.values(),reverse=True)[:10]
    idcg=sum((2**r-1)/math.log2(i+2) for i,r in enumerate(ideal))
    return dcg/idcg if idcg else 0
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
