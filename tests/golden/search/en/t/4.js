ssckbSearch.terms("en","4",{"forms":{},"postings":{"4":[11,30],"400":[11,8],"4217":[11,8]}});
