ssckbSearch.terms("en","4",{"forms":{},"postings":{"4":[7,28],"400":[7,9],"4217":[7,15]}});
