ssckbSearch.terms("en","0",{"forms":{},"postings":{"0":[11,13],"00":[11,28],"09":[11,4]}});
