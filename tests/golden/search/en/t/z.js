ssckbSearch.terms("en","z",{"forms":{"zimbabwe":"zimbabw"},"postings":{"zaf":[7,5],"zambia":[7,5],"zealand":[7,5],"zimbabw":[7,5],"zmb":[7,5],"zwe":[7,5]}});
